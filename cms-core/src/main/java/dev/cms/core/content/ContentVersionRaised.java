package dev.cms.core.content;

/**
 * Announced once by every transaction that raises the content version. Caches listen after commit
 * ({@code @TransactionalEventListener}) to drop their pages at once instead of at their next check.
 */
public record ContentVersionRaised() {
}
