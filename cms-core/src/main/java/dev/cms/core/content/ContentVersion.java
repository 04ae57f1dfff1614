package dev.cms.core.content;

import dev.cms.core.article.ArticleChanged;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public site's content version: raised by every transaction that changes something a public
 * page shows, so every node sharing the database can tell its rendered pages are stale.
 *
 * <p>The raise is one UPDATE of a single row, made once per transaction and only just before it
 * commits: it commits or rolls back with the change, yet the row is locked for the moment of the
 * commit alone. Raising it where the change happens instead would hold that lock for the rest of
 * the transaction, and a long one (an import of a whole folder) would stall every editor's save
 * and the scheduler on every node until it ended.
 */
@Singleton
public class ContentVersion {

    private final ContentVersionRepository versions;
    private final ApplicationEventPublisher<ContentVersionRaised> raised;
    private final TransactionOperations<Connection> transactions;
    /** Connections whose current transaction already has its raise registered. */
    private final Set<Connection> registered = ConcurrentHashMap.newKeySet();

    public ContentVersion(ContentVersionRepository versions, ApplicationEventPublisher<ContentVersionRaised> raised,
            TransactionOperations<Connection> transactions) {
        this.versions = versions;
        this.raised = raised;
        this.transactions = transactions;
    }

    /** Raises the version when the caller's transaction commits (at once, in its own, when there is none). */
    public void raise() {
        Optional<? extends TransactionStatus<?>> current = transactions.findTransactionStatus();
        if (current.isEmpty() || current.get().isCompleted()) {
            raiseNow();
            return;
        }
        TransactionStatus<?> status = current.get();
        Connection connection = (Connection) status.getConnection();
        if (!registered.add(connection)) {
            return;
        }
        try {
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    try (PreparedStatement raise = connection.prepareStatement(ContentVersionRepository.RAISE)) {
                        raise.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException("Raising the content version failed: " + e.getMessage(), e);
                    }
                }

                @Override
                public void afterCompletion(Status completion) {
                    registered.remove(connection);
                }
            });
        } catch (RuntimeException e) {
            registered.remove(connection);
            throw e;
        }
        // Delivered to caches after the commit, when the new version can be read.
        raised.publishEvent(new ContentVersionRaised());
    }

    private void raiseNow() {
        transactions.executeWrite(status -> {
            versions.increment();
            raised.publishEvent(new ContentVersionRaised());
            return null;
        });
    }

    /** Every article change is announced with {@link ArticleChanged}, inside its transaction (the scheduler's claim included). */
    @EventListener
    public void onArticleChanged(ArticleChanged event) {
        raise();
    }

    @Transactional(readOnly = true)
    public long current() {
        return versions.current();
    }
}
