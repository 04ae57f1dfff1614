package dev.cms.core.content;

/**
 * Announced when this node raises the content version. Caches listen after commit
 * ({@code @TransactionalEventListener}) to drop their pages at once instead of at their next check.
 * {@code raisedAt} ({@link System#nanoTime()}) lets them read the version once for a transaction
 * that raised it many times (a topic rename, an import).
 */
public record ContentVersionRaised(long raisedAt) {
}
