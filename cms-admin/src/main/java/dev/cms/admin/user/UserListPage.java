package dev.cms.admin.user;

import dev.cms.core.user.Role;
import dev.cms.core.user.User;

import java.util.List;
import java.util.Map;

/**
 * The users page: every account with its role and state and the forms to change them, then the
 * form that creates an account (as typed, with its errors, when it was refused).
 */
public record UserListPage(List<UserSummary> users, UserForm form, Map<String, String> errors, List<Role> roles) {

    /** One account as the list shows it: no password hash or login version. */
    public record UserSummary(Long id, String username, String displayName, Role role, boolean enabled) {

        public static UserSummary of(User user) {
            return new UserSummary(user.id(), user.username(), user.displayName(), user.role(), user.enabled());
        }
    }
}
