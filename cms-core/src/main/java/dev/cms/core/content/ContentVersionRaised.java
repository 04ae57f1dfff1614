package dev.cms.core.content;

/**
 * Announced when this node raises the content version. Caches listen after commit
 * ({@code @TransactionalEventListener}) to drop their pages at once instead of at their next check.
 */
public record ContentVersionRaised() {
}
