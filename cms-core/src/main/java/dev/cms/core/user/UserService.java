package dev.cms.core.user;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.mindrot.jbcrypt.BCrypt;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts and passwords: bcrypt hashes, the first-admin setup, and login checks. */
@Singleton
public class UserService {

    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{2,64}");
    private static final int BCRYPT_COST = 10;
    /** Checked against when the user does not exist, so both failures take the same time. */
    private static final String DUMMY_HASH = BCrypt.hashpw("not a password", BCrypt.gensalt(BCRYPT_COST));

    private final UserRepository users;
    private final Clock clock;

    public UserService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return users.count() > 0;
    }

    /**
     * Creates the first admin; refused once any user exists, so the setup page cannot be used to
     * take over a site.
     */
    @Transactional
    public User createFirstAdmin(String username, String displayName, String password) {
        if (users.count() > 0) {
            throw new InvalidUserException(Map.of("username", "网站已有管理员,请直接登录"));
        }
        return create(username, displayName, password, Role.ADMIN);
    }

    @Transactional
    public User create(String username, String displayName, String password, Role role) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            errors.put("username", "用户名为 2–64 个字符,只能包含字母、数字和 _ . @ -");
        } else if (users.existsByUsername(name)) {
            errors.put("username", "用户名“" + name + "”已存在");
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 100) {
            errors.put("displayName", "显示名称不能超过 100 个字符");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.put("password", "密码长度须为 " + MIN_PASSWORD + "–" + MAX_PASSWORD + " 个字符");
        }
        if (!errors.isEmpty()) {
            throw new InvalidUserException(errors);
        }
        Instant now = clock.instant();
        return users.save(new User(null, name, display, BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST)),
                role, true, 0, now, now));
    }

    /** The enabled user with these credentials; empty for an unknown user and a wrong password alike. */
    @Transactional(readOnly = true)
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = username == null ? Optional.empty() : users.findByUsername(username.strip());
        String hash = user.map(User::passwordHash).orElse(DUMMY_HASH);
        boolean matches = password != null && password.length() <= MAX_PASSWORD && BCrypt.checkpw(password, hash);
        return user.filter(u -> matches && u.enabled());
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
