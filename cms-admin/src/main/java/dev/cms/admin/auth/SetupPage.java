package dev.cms.admin.auth;

import java.util.Map;

/** The first-start form that creates the first admin: what was typed (never the passwords) and its errors. */
public record SetupPage(String username, String displayName, Map<String, String> errors) {
}
