package dev.cms.core.content;

/**
 * Announced (as an application event) after a transaction that changed public content committed,
 * on the node that made the change only, with the change it wrote to the log. Other nodes learn of
 * it by reading the log and never see this event: a listener acting once per change (the CDN purge
 * webhook) listens here. Listeners run on the committing thread and must return at once.
 */
public record ContentCommitted(ContentChange change) {
}
