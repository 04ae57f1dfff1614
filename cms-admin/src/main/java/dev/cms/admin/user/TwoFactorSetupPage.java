package dev.cms.admin.user;

import java.util.Map;

/**
 * Setting up two-step login: the new secret (as sent back by the form, in groups of four to read,
 * and as an otpauth:// link) and the error of a code that did not match.
 */
public record TwoFactorSetupPage(String secret, String secretGroups, String uri, Map<String, String> errors) {
}
