package dev.cms.core.content;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The content version every node's page cache follows: raised once per committed change, never by
 * a rolled-back one, and without making other writers wait for a long transaction to end.
 */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentVersionTest implements TestPropertyProvider {

    @Inject
    ContentVersion version;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabases.h2("content-version"));
        props.put("cms.search.enabled", "false");
        props.put("cms.scheduler.enabled", "false");
        return props;
    }

    @Test
    void aTransactionRaisesTheVersionOnceAtCommitHoweverManyChangesItMakes() {
        long before = version.current();

        transactions.executeWrite(status -> {
            version.raise();
            version.raise();
            version.raise();
            return null;
        });

        assertEquals(before + 1, version.current());
    }

    @Test
    void aRolledBackChangeLeavesTheVersionAlone() {
        long before = version.current();

        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            version.raise();
            throw new IllegalStateException("the change fails");
        }));

        assertEquals(before, version.current());
    }

    @Test
    void aLongTransactionDoesNotMakeOtherWritersWaitForIt() throws Exception {
        long before = version.current();
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> longImport = CompletableFuture.runAsync(() -> transactions.executeWrite(status -> {
            version.raise();
            changed.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertTrue(changed.await(10, TimeUnit.SECONDS));

            // An editor's save while the import is still open: it commits, and its raise is visible.
            CompletableFuture<Void> save = CompletableFuture.runAsync(() -> transactions.executeWrite(status -> {
                version.raise();
                return null;
            }));
            save.get(10, TimeUnit.SECONDS);
            assertEquals(before + 1, version.current());
        } finally {
            finish.countDown();
        }
        longImport.get(30, TimeUnit.SECONDS);
        assertEquals(before + 2, version.current());
    }

    @Test
    void theChangeIsReadByTheVersionItRaisedToWithWhatItShowedDifferently() {
        long before = version.current();

        transactions.executeWrite(status -> {
            version.raise(java.util.List.of(PageTags.topic("a"), PageTags.HOME));
            version.raise(java.util.List.of(PageTags.topic("b")));
            return null;
        });

        var changes = version.changesAfter(before, before + 1).orElseThrow();
        assertEquals(1, changes.size());
        assertEquals(before + 1, changes.get(0).version());
        assertEquals(java.util.Set.of("topic:a", "topic:b", "home"), changes.get(0).tags());
    }

    @Test
    void aRaiseForEverythingOrAVersionWithoutItsChangeIsReadAsEverything() {
        long before = version.current();
        transactions.executeWrite(status -> {
            version.raise(java.util.List.of(PageTags.HOME));
            version.raise();
            return null;
        });
        assertTrue(version.changesAfter(before, before + 1).orElseThrow().get(0).everything());

        // A version some change raised with no row left for it (pruned): the reader cannot tell what changed.
        assertTrue(version.changesAfter(before - 1_000_000, before + 1).isEmpty());
    }
}
