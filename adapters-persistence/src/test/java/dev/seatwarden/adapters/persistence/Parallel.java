package dev.seatwarden.adapters.persistence;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Threads released together, for the tests of units of work that race. */
final class Parallel {

    private Parallel() {}

    interface Step {
        void run(int thread, int index) throws Exception;
    }

    /**
     * {@code threads} threads, each running {@code step} {@code perThread} times, released together;
     * a thread still running after two minutes fails the test with a dump of every thread.
     */
    static void run(int threads, int perThread, Step step) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        step.run(thread, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                try {
                    future.get(120, TimeUnit.SECONDS);
                } catch (TimeoutException hung) {
                    throw new AssertionError("a thread still runs after 2 minutes:\n" + threadDump(), hung);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String threadDump() {
        var dump = new StringBuilder();
        for (var info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info);
        }
        return dump.toString();
    }
}
