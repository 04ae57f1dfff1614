package dev.cms.admin.preview;

/** The page of a review link that shows no article: the last part of the message key saying why. */
public record PreviewUnavailablePage(String reason) {
}
