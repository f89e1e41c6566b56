package dev.seatwarden.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.PasswordHasher;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {

    /** A hasher that records how many of its calls run at the same time, each holding until released. */
    private static final class Crowded implements PasswordHasher {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        private <T> T enter(T result) {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return result;
        }

        @Override
        public PasswordHash hash(String password) {
            return enter(new PasswordHash("hash-of-" + password.length()));
        }

        @Override
        public boolean matches(String password, PasswordHash hash) {
            return enter(true);
        }
    }

    @Test
    void no_more_than_the_bound_run_at_once_and_every_call_gets_its_answer() throws Exception {
        // Given a bound of 2 over a hasher that holds every call
        var inner = new Crowded();
        var bounded = new BoundedPasswordHasher(inner, 2);
        var pool = Executors.newFixedThreadPool(8);
        try {
            // When 8 calls, hashes and checks, arrive together
            var answers = new ArrayList<Future<Object>>();
            for (int i = 0; i < 8; i++) {
                int call = i;
                answers.add(pool.submit(() -> call % 2 == 0
                        ? bounded.hash("password-" + call)
                        : bounded.matches("p", new PasswordHash("h"))));
            }
            // ... and are given time to crowd in before they are let go
            for (int wait = 0; wait < 1000 && inner.running.get() < 2; wait++) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            int runningWhileHeld = inner.running.get();
            inner.release.countDown();
            for (var answer : answers) {
                answer.get(10, TimeUnit.SECONDS);
            }

            // Then two ran while the rest waited, and never more than two at once
            assertThat(runningWhileHeld).isEqualTo(2);
            assertThat(inner.peak.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_bound_below_one_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BoundedPasswordHasher(new Crowded(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
