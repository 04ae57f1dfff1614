package dev.cms.admin.user;

import java.util.Map;

/**
 * The "my account" page: the own-password form with its errors, and for admins and editors the
 * state of two-step login ({@code twoFactorOn} and {@code recoveryCodesLeft} mean something only
 * when {@code twoFactorOffered}).
 */
public record AccountPage(Map<String, String> errors, boolean twoFactorOffered, boolean twoFactorOn,
                          long recoveryCodesLeft) {
}
