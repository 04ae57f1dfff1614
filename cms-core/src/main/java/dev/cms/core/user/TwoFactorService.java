package dev.cms.core.user;

import dev.cms.core.site.Texts;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The optional second login step of admins and editors: a code from an authenticator app (TOTP,
 * see {@link Totp}) or one of ten one-time recovery codes. A wrong code counts as a failed login
 * towards the account's lockout, so the six digits cannot be guessed at leisure.
 */
@Singleton
public class TwoFactorService {

    public static final int RECOVERY_CODES = 10;
    /** Letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i). */
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final UserRepository users;
    private final RecoveryCodeRepository recoveryCodes;
    private final UserService accounts;
    private final Clock clock;
    private final Texts texts;
    private final SecureRandom random = new SecureRandom();

    public TwoFactorService(UserRepository users, RecoveryCodeRepository recoveryCodes, UserService accounts,
                            Clock clock, Texts texts) {
        this.users = users;
        this.recoveryCodes = recoveryCodes;
        this.accounts = accounts;
        this.clock = clock;
        this.texts = texts;
    }

    /** How a second step went. */
    public enum Outcome {
        /** A code from the authenticator app. */
        CODE,
        /** A recovery code, now used up. */
        RECOVERY_CODE,
        /** Wrong, used before, or the account is locked. */
        REFUSED
    }

    /** Whether accounts of this role may turn a second factor on (those that can publish). */
    public static boolean offeredTo(Role role) {
        return role == Role.ADMIN || role == Role.EDITOR;
    }

    @Transactional(readOnly = true)
    public long recoveryCodesLeft(User user) {
        return recoveryCodes.countUnused(user.id());
    }

    /**
     * Turns the second factor on with the secret shown on the account page, once a code the app made
     * from it is right (so the app and the site agree). Gives the recovery codes, to show once.
     */
    @Transactional
    public List<String> enable(User user, String secret, String code) {
        if (!offeredTo(user.role())) {
            throw new ForbiddenException(texts.get("twoFactor.notOffered"));
        }
        if (!Totp.isSecret(secret)) {
            throw new InvalidUserException(Map.of("code", texts.get("twoFactor.secret.invalid")));
        }
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant(), -1);
        if (step.isEmpty()) {
            throw new InvalidUserException(Map.of("code", texts.get("twoFactor.code.wrong")));
        }
        users.setTotp(user.id(), secret, step.getAsLong());
        return replaceRecoveryCodes(user);
    }

    /** New recovery codes in place of the old ones (all of which stop working), for the holder of the password. */
    @Transactional
    public List<String> newRecoveryCodes(User user, String currentPassword) {
        accounts.requireCurrentPassword(user, currentPassword);
        if (!accounts.hasSecondFactor(user)) {
            throw new InvalidUserException(Map.of("current", texts.get("twoFactor.off")));
        }
        return replaceRecoveryCodes(user);
    }

    /** Turns the second factor off, for the holder of the password. */
    @Transactional
    public void disable(User user, String currentPassword) {
        accounts.requireCurrentPassword(user, currentPassword);
        users.clearTotp(user.id());
        recoveryCodes.deleteAllOf(user.id());
    }

    /**
     * Checks the second step of a login whose password was right: a code of the app (each counts
     * once, on every node) or an unused recovery code. A wrong one is a failed login; while the
     * account is locked nothing is accepted.
     */
    @Transactional
    public Outcome verify(User user, String typed) {
        if (accounts.isLocked(user)) {
            return Outcome.REFUSED;
        }
        String secret = users.findTotpSecret(user.id());
        Instant now = clock.instant();
        Outcome outcome = Outcome.REFUSED;
        if (!secret.isEmpty()) {
            OptionalLong step = Totp.matchingStep(secret, typed, now, users.findTotpLastStep(user.id()));
            if (step.isPresent() && users.acceptTotpStep(user.id(), step.getAsLong()) == 1) {
                outcome = Outcome.CODE;
            } else if (step.isEmpty() && recoveryCodes.use(user.id(), hash(normalize(typed)), now) == 1) {
                outcome = Outcome.RECOVERY_CODE;
            }
        }
        if (outcome == Outcome.REFUSED) {
            accounts.recordFailedLogin(user);
        } else {
            accounts.loginSucceeded(user);
        }
        return outcome;
    }

    private List<String> replaceRecoveryCodes(User user) {
        recoveryCodes.deleteAllOf(user.id());
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
            }
            code.insert(5, '-');
            shown.add(code.toString());
            recoveryCodes.save(new RecoveryCode(null, user.id(), hash(normalize(code.toString())), null));
        }
        return List.copyOf(shown);
    }

    /** A recovery code as typed, in any case, with or without its dash and spaces. */
    private static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    /** Recovery codes carry about 50 random bits each, so a plain SHA-256 keeps them as safe as bcrypt would. */
    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
