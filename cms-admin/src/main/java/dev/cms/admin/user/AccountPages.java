package dev.cms.admin.user;

import dev.cms.core.user.TwoFactorService;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;

import java.util.Map;

/** The "my account" page: own password for everyone, and two-step login for admins and editors. */
@Singleton
public class AccountPages {

    private final UserService users;
    private final TwoFactorService twoFactor;

    public AccountPages(UserService users, TwoFactorService twoFactor) {
        this.users = users;
        this.twoFactor = twoFactor;
    }

    public ModelAndView<AccountPage> page(Authentication me, Map<String, String> errors) {
        User user = users.find(me.getName()).orElse(null);
        boolean offered = user != null && TwoFactorService.offeredTo(user.role());
        boolean on = offered && users.hasSecondFactor(user);
        return new ModelAndView<>("admin/users/account",
                new AccountPage(errors, offered, on, on ? twoFactor.recoveryCodesLeft(user) : 0L));
    }
}
