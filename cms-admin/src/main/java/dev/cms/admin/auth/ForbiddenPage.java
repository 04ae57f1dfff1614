package dev.cms.admin.auth;

/** The 403 page of the admin: why the signed-in user may not do this. */
public record ForbiddenPage(String reason) {
}
