package dev.cms.core.user;

import dev.cms.core.site.StorableText;
import dev.cms.core.site.Texts;
import dev.cms.core.site.UniqueInserts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.mindrot.jbcrypt.BCrypt;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts and passwords: bcrypt hashes, the first-admin setup, and login checks. */
@Singleton
public class UserService {

    public static final int MIN_PASSWORD = 8;
    public static final int LOCK_AFTER = 5;
    public static final Duration LOCK_FOR = Duration.ofMinutes(15);
    /** Failed logins older than this no longer count towards a lock. */
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    public static final int MAX_PASSWORD = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{2,64}");
    private static final int BCRYPT_COST = 10;
    /** Checked against when the user does not exist, so both failures take the same time. */
    private static final String DUMMY_HASH = BCrypt.hashpw("not a password", BCrypt.gensalt(BCRYPT_COST));

    private final UserRepository users;
    private final Clock clock;

    private final Texts texts;

    private final RecoveryCodeRepository recoveryCodes;

    private volatile String unusableHash;

    public UserService(UserRepository users, RecoveryCodeRepository recoveryCodes, Clock clock, Texts texts) {
        this.recoveryCodes = recoveryCodes;
        this.texts = texts;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return users.count() > 0;
    }

    /**
     * Creates the first admin; refused once any user exists, so the setup page cannot be used to
     * take over a site. Of first setups submitted at the same moment, on any number of nodes,
     * exactly one succeeds: each first claims the single row of {@code site_setup}, which the
     * database gives to one transaction only; the others get {@link SetupDoneException}.
     */
    @Transactional
    public User createFirstAdmin(String username, String displayName, String password) {
        if (users.count() > 0) {
            throw new SetupDoneException(texts.get("user.setup.done"));
        }
        try {
            users.claimSetup(clock.instant());
        } catch (DataAccessException e) {
            // Another setup holds the row: committed (a unique violation) or, on H2, still running
            // longer than the lock timeout. Either way this one is not the first.
            if (UniqueInserts.isUniqueViolation(e) || hasSqlState(e, "HYT00")) {
                throw new SetupDoneException(texts.get("user.setup.done"));
            }
            throw e;
        }
        return create(username, displayName, password, Role.ADMIN);
    }

    @Transactional
    public User create(String username, String displayName, String password, Role role) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = username == null ? "" : username.strip();
        if (hasControlCharacters(username)) {
            errors.put("username", texts.get("user.username.control"));
        } else if (!USERNAME.matcher(name).matches()) {
            errors.put("username", texts.get("user.username.invalid"));
        } else {
            users.findByUsernameIgnoringCase(name).ifPresent(taken -> errors.put("username", taken.username().equals(name)
                    ? texts.get("user.username.taken", name) : texts.get("user.username.takenOtherCase", name, taken.username())));
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 100) {
            errors.put("displayName", texts.get("user.displayName.tooLong"));
        } else if (StorableText.hasNul(display)) {
            errors.put("displayName", texts.get("user.displayName.nul"));
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.put("password", texts.get("user.password.length", MIN_PASSWORD, MAX_PASSWORD));
        }
        if (!errors.isEmpty()) {
            throw new InvalidUserException(errors);
        }
        try {
            users.insert(name, display, BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST)), role.name(), clock.instant());
        } catch (DataAccessException e) {
            if (!UniqueInserts.isUniqueViolation(e)) {
                throw e;
            }
            // The same name, in this case or another, was added in the meantime: the unique username_key refused it.
            throw new InvalidUserException(Map.of("username", texts.get("user.username.taken", name)));
        }
        return users.findByUsername(name).orElseThrow();
    }

    /**
     * The enabled, unlocked user with these credentials; empty for an unknown user, a wrong
     * password and a locked account alike (and as slowly: bcrypt runs in every case). An account
     * with {@link #LOCK_AFTER} failed logins within {@link #FAILURE_WINDOW} is locked for
     * {@link #LOCK_FOR}; older failures no longer count, and attempts during a lock are not
     * counted either, so a lock ends when it says and a wrong password now and then never locks.
     */
    @Transactional
    public Optional<User> authenticate(String username, String password) {
        // No username holds a NUL (and PostgreSQL fails a query given one): unknown, as slowly as any other.
        Optional<User> user = username == null || StorableText.hasNul(username) ? Optional.empty()
                : users.findByUsernameIgnoringCase(username.strip());
        String hash = user.map(User::passwordHash).orElse(DUMMY_HASH);
        boolean matches = password != null && password.length() <= MAX_PASSWORD && BCrypt.checkpw(password, hash);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (!matches || !user.get().enabled()) {
            recordFailedLogin(user.get());
            return Optional.empty();
        }
        if (isLocked(user.get())) {
            return Optional.empty();
        }
        if (!hasSecondFactor(user.get())) {
            unlock(user.get().id());
        }
        // With a second factor the failures count on until its code is right too (loginSucceeded):
        // knowing the password must not buy fresh guesses at the code.
        return user;
    }

    /** Whether logging in to this account takes a code from an authenticator app after the password. */
    @Transactional(readOnly = true)
    public boolean hasSecondFactor(User user) {
        return !users.findTotpSecret(user.id()).isEmpty();
    }

    /** The second step of a login succeeded too: the failed logins counted so far are forgotten. */
    @Transactional
    public void loginSucceeded(User user) {
        unlock(user.id());
    }

    /** Refuses (as the field {@code current}) a current password that is not this user's. */
    public void requireCurrentPassword(User user, String current) {
        if (current == null || current.length() > MAX_PASSWORD || !BCrypt.checkpw(current, user.passwordHash())) {
            throw new InvalidUserException(Map.of("current", texts.get("user.password.wrong")));
        }
    }

    /** Whether the account is locked now, by too many failed logins. */
    @Transactional(readOnly = true)
    public boolean isLocked(User user) {
        return users.countLocked(user.id(), clock.instant()) > 0;
    }

    /**
     * Counts one failed login against the account (a wrong password or second-factor code), and
     * locks it when that makes {@link #LOCK_AFTER} within {@link #FAILURE_WINDOW}. While a lock
     * runs nothing is counted, so trying on cannot stretch it.
     */
    @Transactional
    public void recordFailedLogin(User user) {
        if (isLocked(user)) {
            return;
        }
        Instant now = clock.instant();
        Instant windowStart = now.minus(FAILURE_WINDOW);
        users.deleteFailedLoginsBefore(user.id(), windowStart);
        users.addFailedLogin(user.id(), now);
        if (users.countFailedLoginsSince(user.id(), windowStart) >= LOCK_AFTER) {
            users.lockUntil(user.id(), now.plus(LOCK_FOR));
            // The lock uses these failures up: once it ends, it takes LOCK_AFTER new ones to lock again.
            users.deleteFailedLogins(user.id());
        }
    }

    private void clearSecondFactor(Long id) {
        users.clearTotp(id);
        recoveryCodes.deleteAllOf(id);
    }

    private void unlock(Long id) {
        users.clearLock(id);
        users.deleteFailedLogins(id);
    }

    @Transactional(readOnly = true)
    public List<User> list() {
        return users.listAll();
    }

    /** Enables or disables an account; a disabled user's cookies stop working at once, everywhere. */
    @Transactional
    public User setEnabled(Long id, boolean enabled) {
        User u = users.findById(id).orElseThrow(() -> new InvalidUserException(Map.of("user", texts.get("user.notFound"))));
        if (!enabled && u.role() == Role.ADMIN && u.enabled() && users.countEnabledAdmins() <= 1) {
            throw new InvalidUserException(Map.of("user", texts.get("user.lastAdmin.disable")));
        }
        if (enabled) {
            unlock(id);
        }
        return users.update(signedOut(u, u.displayName(), u.passwordHash(), u.role(), enabled));
    }

    /** Changes a role; the user's existing cookies (which carry the old role) are revoked. */
    @Transactional
    public User changeRole(Long id, Role role) {
        User u = users.findById(id).orElseThrow(() -> new InvalidUserException(Map.of("user", texts.get("user.notFound"))));
        if (u.role() == Role.ADMIN && role != Role.ADMIN && u.enabled() && users.countEnabledAdmins() <= 1) {
            throw new InvalidUserException(Map.of("role", texts.get("user.lastAdmin.role")));
        }
        return users.update(signedOut(u, u.displayName(), u.passwordHash(), role, u.enabled()));
    }

    /**
     * Sets a new password (an admin's reset); every cookie issued before stops working. It also
     * turns the account's second factor off: a reset is how someone who lost their authenticator
     * gets back in, and they can set it up again from their account page.
     */
    @Transactional
    public User resetPassword(Long id, String password) {
        User changed = setPassword(id, password);
        clearSecondFactor(id);
        return changed;
    }

    private User setPassword(Long id, String password) {
        User u = users.findById(id).orElseThrow(() -> new InvalidUserException(Map.of("user", texts.get("user.notFound"))));
        requireGoodPassword(password);
        unlock(id);
        return users.update(signedOut(u, u.displayName(), BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST)),
                u.role(), u.enabled()));
    }

    /**
     * For the create-admin command: a new admin or, when the user exists, that user made an
     * enabled, unlocked admin with the new password (and the display name, if given) and without a
     * second factor (the way back in for an admin who lost their authenticator too). Its token
     * version is raised, so every login cookie issued before is refused on every node.
     */
    @Transactional
    public AdminAccountChange createOrResetAdmin(String username, String displayName, String password) {
        Optional<User> existing = username == null ? Optional.empty() : users.findByUsernameIgnoringCase(username.strip());
        if (existing.isEmpty()) {
            return new AdminAccountChange(null, create(username, displayName, password, Role.ADMIN));
        }
        User before = existing.get();
        String display = displayName == null || displayName.isBlank() ? before.displayName() : displayName.strip();
        if (display.length() > 100) {
            throw new InvalidUserException(Map.of("displayName", texts.get("user.displayName.tooLong")));
        }
        requireGoodPassword(password);
        unlock(before.id());
        clearSecondFactor(before.id());
        User after = users.update(signedOut(before, display, BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST)),
                Role.ADMIN, true));
        return new AdminAccountChange(before, after);
    }

    /**
     * For the site import: adds the account as the archive has it, or brings an existing one to the
     * archive's display name, role, state and (when given) password hash, signing it out as the
     * admin pages do. A new account without a hash gets {@link #unusableHash()}: it exists, but no
     * password opens it until one is set. The caller has checked the values (lengths, a bcrypt hash).
     */
    @Transactional
    public ImportedUser importUser(String username, String displayName, Role role, boolean enabled,
                                   @Nullable String passwordHash, Instant created) {
        Optional<User> existing = users.findByUsername(username);
        if (existing.isEmpty()) {
            users.insertImported(username, displayName, passwordHash == null ? unusableHash() : passwordHash,
                    role.name(), enabled, created, clock.instant());
            return new ImportedUser(users.findByUsername(username).orElseThrow().id(), ImportedUser.Change.CREATED);
        }
        User u = existing.get();
        if (u.displayName().equals(displayName) && u.role() == role && u.enabled() == enabled
                && (passwordHash == null || passwordHash.equals(u.passwordHash()))) {
            return new ImportedUser(u.id(), ImportedUser.Change.UNCHANGED);
        }
        users.update(signedOut(u, displayName, passwordHash == null ? u.passwordHash() : passwordHash, role, enabled));
        return new ImportedUser(u.id(), ImportedUser.Change.UPDATED);
    }

    /**
     * The account with new values and a raised token version: the one rule for every change of role,
     * state, password or name made here, so every login cookie issued before stops working, on every node.
     */
    private User signedOut(User u, String displayName, String passwordHash, Role role, boolean enabled) {
        return new User(u.id(), u.username(), displayName, passwordHash, role, enabled, u.tokenVersion() + 1,
                u.createdAt(), clock.instant());
    }

    /**
     * A bcrypt hash of a random secret nobody knows, made once per process (bcrypt is slow on
     * purpose, and an import may add many accounts): no password matches it.
     */
    private String unusableHash() {
        String hash = unusableHash;
        if (hash == null) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            hash = BCrypt.hashpw(Base64.getEncoder().encodeToString(secret), BCrypt.gensalt(BCRYPT_COST));
            unusableHash = hash;
        }
        return hash;
    }

    /** A user changing their own password must know the current one. */
    @Transactional
    public User changeOwnPassword(String username, String current, String password) {
        User u = users.findByUsername(username).orElseThrow(() -> new InvalidUserException(Map.of("user", texts.get("user.notFound"))));
        requireCurrentPassword(u, current);
        return setPassword(u.id(), password);
    }

    /**
     * Whether a typed name holds line breaks or other control characters, which no username has:
     * refused before they can reach a log line.
     */
    public static boolean hasControlCharacters(String name) {
        return name != null && name.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    private static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void requireGoodPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidUserException(Map.of("password", texts.get("user.password.length", MIN_PASSWORD, MAX_PASSWORD)));
        }
    }

    /** The account with exactly this name (as a login cookie names it). */
    @Transactional(readOnly = true)
    public Optional<User> find(String username) {
        return users.findByUsername(username);
    }

    @Transactional(readOnly = true)
    public Optional<User> find(long id) {
        return users.findById(id);
    }

    /** The actor behind a login, for permission checks; empty when the user is gone. */
    @Transactional(readOnly = true)
    public Optional<Actor> actor(String username) {
        return users.findByUsername(username).map(u -> new Actor(u.id(), u.username(), u.role()));
    }

    /** Whether a login cookie issued for this user and token version is still honoured. */
    @Transactional(readOnly = true)
    public Optional<User> activeUser(String username, int tokenVersion) {
        return users.findByUsername(username).filter(u -> u.enabled() && u.tokenVersion() == tokenVersion);
    }
}
