package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestServer;
import dev.seatwarden.adapters.rest.RestUseCases;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.UseCases;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the database, the use cases, sign-in, the REST API and the background sweep,
 * wired in one place. {@link #start} brings it up; {@link #close} stops it in order (the server
 * finishes the requests in flight, then the sweep stops, then the database closes).
 */
final class Seatwarden implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Seatwarden.class);

    private final Wiring wiring;
    private final RestServer rest;
    private final ScheduledExecutorService scheduler;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Seatwarden(Wiring wiring, RestServer rest, ScheduledExecutorService scheduler, String url) {
        this.wiring = wiring;
        this.rest = rest;
        this.scheduler = scheduler;
        this.url = url;
    }

    /**
     * Opens the database (migrations first), starts the REST API and schedules the sweep.
     *
     * @param clock the only clock the server reads; microsecond precision, as the database stores
     * @throws dev.seatwarden.adapters.persistence.DatabaseException if the database cannot be
     *     reached or migrated
     */
    static Seatwarden start(ServerSettings settings, Clock clock) {
        return start(settings, clock, wiring -> {});
    }

    /**
     * As {@link #start(ServerSettings, Clock)}, running {@code beforeListening} on the opened
     * database and use cases before the REST API accepts its first connection (the demo account,
     * so that it exists by the time the server answers).
     */
    static Seatwarden start(ServerSettings settings, Clock clock, Consumer<Wiring> beforeListening) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(beforeListening, "beforeListening");
        var wiring = Wiring.open(settings.database(), clock);
        DatabaseSettings database = wiring.database().settings();
        LOG.info("database: {} {}", database.engine(), database.maskedUrl());
        RestServer rest = null;
        try {
            beforeListening.accept(wiring);
            rest = RestServer.start(settings.rest(), restUseCases(wiring, clock));
            var scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "seatwarden-sweep");
                thread.setDaemon(true);
                return thread;
            });
            var url = "http://" + host(settings.rest().bindAddress()) + ":" + rest.port() + "/";
            var server = new Seatwarden(wiring, rest, scheduler, url);
            long every = settings.sweepInterval().toMillis();
            scheduler.scheduleWithFixedDelay(server::sweepLogged, every, every, TimeUnit.MILLISECONDS);
            LOG.info("Seatwarden listening on {}", url);
            return server;
        } catch (RuntimeException | Error failure) {
            if (rest != null) {
                rest.close();
            }
            wiring.close();
            throw failure;
        }
    }

    private static RestUseCases restUseCases(Wiring wiring, Clock clock) {
        return RestUseCases.of(wiring.useCases(), wiring.access(), wiring.database()::isUp, clock);
    }

    /** An IPv6 literal stands in brackets in a URL. */
    private static String host(String bindAddress) {
        return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
    }

    /**
     * One inactivity sweep (R13) and one purge of ended sessions, now.
     *
     * @return how many seats were released and how many sessions and sign-in failures forgotten
     */
    Sweep sweep() {
        int released = wiring.useCases().sweepInactiveSeats().sweep();
        int purged = wiring.access().purgeSessions().purge();
        return new Sweep(released, purged);
    }

    /** What one sweep did. */
    record Sweep(int seatsReleased, int sessionsPurged) {}

    /** The scheduled sweep: a failure is logged and the next run comes as planned. */
    private void sweepLogged() {
        try {
            var done = sweep();
            if (done.seatsReleased() > 0) {
                LOG.info("inactivity sweep released {} seat(s)", done.seatsReleased());
            }
            LOG.debug(
                    "sweep: {} seat(s) released, {} session record(s) purged",
                    done.seatsReleased(),
                    done.sessionsPurged());
        } catch (RuntimeException failure) {
            // a throwing task would silently end a ScheduledExecutorService's schedule
            LOG.warn("the inactivity sweep failed; it runs again in a minute", failure);
        }
    }

    /** The port it listens on (the real one when 0 was asked for). */
    int port() {
        return rest.port();
    }

    /** {@code http://<bind>:<port>/}. */
    String url() {
        return url;
    }

    UseCases useCases() {
        return wiring.useCases();
    }

    Access access() {
        return wiring.access();
    }

    /** Stops in order: the REST server (graceful), the sweep, the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Seatwarden stopping");
        try {
            rest.close();
        } finally {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException interrupted) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            } finally {
                wiring.close();
                LOG.info("Seatwarden stopped");
            }
        }
    }
}
