package dev.cms.admin.auth;

/** The page that sends a form again after the login it had outlived: the form, to send and to see. */
public record ResumePage(ResumedForm resume) {
}
