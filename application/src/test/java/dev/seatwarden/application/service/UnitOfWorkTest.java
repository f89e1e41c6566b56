package dev.seatwarden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Transactions;
import io.vavr.collection.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R16: a unit of work that meets a concurrent change runs again, a bounded number of times. */
class UnitOfWorkTest {

    @ParameterizedTest(name = "{0} conflicts")
    @ValueSource(ints = {0, 1, 2, 7, UnitOfWork.MAX_ATTEMPTS - 1})
    void work_that_meets_k_conflicts_runs_k_plus_1_times_each_in_a_transaction_and_its_result_comes_back(
            int conflicts) {
        // Given transactions that report a conflict after each of the first k runs of the work
        var transactions = new ConflictingTransactions(conflicts);
        var work = new CountingWork(transactions);

        // When the unit of work runs it
        var result = new UnitOfWork(transactions).run(work);

        // Then the work ran k + 1 times, each inside its own transaction, and the last run's result
        // came back
        assertThat(transactions.attempts).isEqualTo(conflicts + 1);
        assertThat(work.runs).isEqualTo(conflicts + 1);
        assertThat(work.ranOutsideATransaction).isFalse();
        assertThat(result).isSameAs(work.results.last());
    }

    @Test
    void work_that_keeps_conflicting_stops_after_exactly_max_attempts_and_the_last_conflict_reaches_the_caller() {
        // Given transactions that report a conflict every time
        var transactions = new ConflictingTransactions(Integer.MAX_VALUE);
        var work = new CountingWork(transactions);

        // When the unit of work runs the work
        var thrown = catchThrowable(() -> new UnitOfWork(transactions).run(work));

        // Then it gave up after exactly MAX_ATTEMPTS attempts, rethrowing the last conflict
        assertThat(transactions.attempts).isEqualTo(UnitOfWork.MAX_ATTEMPTS);
        assertThat(work.runs).isEqualTo(UnitOfWork.MAX_ATTEMPTS);
        assertThat(thrown).isSameAs(transactions.conflicts.last());
        assertThat(transactions.conflicts).hasSize(UnitOfWork.MAX_ATTEMPTS);
    }

    @Test
    void max_attempts_is_the_documented_50() {
        assertThat(UnitOfWork.MAX_ATTEMPTS).isEqualTo(50);
    }

    @Test
    void other_exceptions_are_not_retried_and_reach_the_caller_as_they_are() {
        for (Throwable failure : List.of(
                new IllegalStateException("broken"),
                new NoSuchElementException("none"),
                new RuntimeException("wraps a conflict", new ConcurrentUpdateException("token")),
                new AssertionError("an error"))) {
            // Given work that fails with this exception on its first run
            var transactions = new ConflictingTransactions(0);
            Supplier<Object> work = () -> {
                transactions.workRuns++;
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) failure;
            };

            // When the unit of work runs it
            var thrown = catchThrowable(() -> new UnitOfWork(transactions).run(work));

            // Then it ran once, and its exception reached the caller untouched
            assertThat(thrown).as(failure.toString()).isSameAs(failure);
            assertThat(transactions.attempts).as(failure.toString()).isEqualTo(1);
            assertThat(transactions.workRuns).as(failure.toString()).isEqualTo(1);
        }
    }

    @Test
    void a_conflict_then_another_exception_stops_at_the_other_exception() {
        // Given transactions that report one conflict, and work that fails on its second run
        var transactions = new ConflictingTransactions(1);
        var failure = new IllegalStateException("second run failed");
        Supplier<Object> work = () -> {
            transactions.workRuns++;
            if (transactions.workRuns == 2) {
                throw failure;
            }
            return "first";
        };

        // When the unit of work runs it, then it stops with that exception after two attempts
        assertThat(catchThrowable(() -> new UnitOfWork(transactions).run(work))).isSameAs(failure);
        assertThat(transactions.attempts).isEqualTo(2);
    }

    // ---- fakes --------------------------------------------------------------------------------

    /**
     * Runs the work, then, for the first {@code conflictsToReport} attempts, reports a conflict as
     * a store would at commit.
     */
    private static final class ConflictingTransactions implements Transactions {
        private final int conflictsToReport;
        int attempts;
        int workRuns;
        boolean inside;
        List<ConcurrentUpdateException> conflicts = List.empty();

        ConflictingTransactions(int conflictsToReport) {
            this.conflictsToReport = conflictsToReport;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            attempts++;
            inside = true;
            try {
                var result = work.get();
                if (attempts <= conflictsToReport) {
                    var conflict = new ConcurrentUpdateException("attempt " + attempts);
                    conflicts = conflicts.append(conflict);
                    throw conflict;
                }
                return result;
            } finally {
                inside = false;
            }
        }
    }

    /** Work that counts its runs, answers a new object each time and notes where it ran. */
    private static final class CountingWork implements Supplier<Object> {
        private final ConflictingTransactions transactions;
        int runs;
        boolean ranOutsideATransaction;
        List<Object> results = List.empty();

        CountingWork(ConflictingTransactions transactions) {
            this.transactions = transactions;
        }

        @Override
        public Object get() {
            runs++;
            ranOutsideATransaction |= !transactions.inside;
            var result = new Object();
            results = results.append(result);
            return result;
        }
    }
}
