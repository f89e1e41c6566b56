package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL two units may take sequence numbers in one order and commit in the other; for one
 * account's events the audit log makes the second wait, so that a reader paging newest first by
 * sequence never sees a later number before an earlier one is visible.
 */
class PostgresAuditOrderTest {

    private TestDatabases.PostgresSchema schema;
    private Database database;

    @BeforeEach
    void open() {
        schema = TestDatabases.PostgresSchema.create();
        database = schema.open();
        database.accounts().save(newAccount("alice"));
    }

    @AfterEach
    void drop() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void a_unit_appending_for_an_account_commits_only_after_an_earlier_appending_unit_committed() throws Exception {
        var alice = newAccount("alice").id();
        var appended = new CountDownLatch(1);
        var firstCommitted = new AtomicBoolean();

        // Given a unit that appended an event for Alice and has not committed yet
        var first = CompletableFuture.runAsync(() -> {
            database.transactions().inTransaction(() -> {
                database.auditLog().append(List.of(event(alice, "first")));
                appended.countDown();
                sleep(800);
                return null;
            });
            firstCommitted.set(true);
        });
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();

        // When a second unit appends an event for Alice
        var secondSawFirstCommitted = CompletableFuture.supplyAsync(() -> {
            database.transactions().inTransaction(() -> {
                database.auditLog().append(List.of(event(alice, "second")));
                return null;
            });
            return firstCommitted.get();
        });

        // Then it could only commit after the first one had: the sequence order is the commit order
        assertThat(secondSawFirstCommitted.get(20, TimeUnit.SECONDS)).isTrue();
        first.get(10, TimeUnit.SECONDS);
        assertThat(database.auditLog()
                        .newestFirst(alice, 10, Option.none())
                        .map(entry -> entry.event().detail().get()))
                .containsExactly("second", "first");
    }

    private static DomainEvent event(dev.seatwarden.domain.account.AccountId account, String detail) {
        return DomainEvent.ofAccount(EventType.ACCOUNT_CHANGED, at(1), account, Option.some(detail));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
