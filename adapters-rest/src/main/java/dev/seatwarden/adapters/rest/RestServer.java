package dev.seatwarden.adapters.rest;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;

/**
 * The REST API of {@code rest-api.md} (and the dashboard at {@code /}) on sparkjava, one instance
 * per object ({@code Service.ignite()}), so that several can run side by side.
 */
public final class RestServer implements AutoCloseable {

    /** How long a close waits for sparkjava to confirm its stop, once Jetty has stopped. */
    private static final Duration SPARK_STOP_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    /** sparkjava keeps its server factories in one static map: starts take turns. */
    private static final Object STARTING = new Object();

    private final Service service;
    private final Server jetty;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RestServer(Service service, Server jetty, int port) {
        this.service = service;
        this.jetty = jetty;
        this.port = port;
    }

    /** Starts a server and returns once it accepts connections. */
    public static RestServer start(RestSettings settings, RestUseCases useCases) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(useCases, "useCases");
        var table = routeTable(useCases);
        synchronized (STARTING) {
            var jetty = new JettyServers(settings);
            var identifier = new Object();
            EmbeddedServers.add(identifier, new EmbeddedJettyFactory(jetty));
            var service = Service.ignite();
            var dispatch = new Dispatch(service, table, new ClientAddress(settings.trustedProxy()), useCases);
            var failure = new AtomicReference<Exception>();
            try {
                service.embeddedServerIdentifier(identifier);
                service.ipAddress(settings.bindAddress());
                service.port(settings.port());
                service.initExceptionHandler(failure::set);
                service.before(dispatch::route);
                // A request reaches a route only once dispatch::route has matched it in the table
                // (it halts with 404 or 405 otherwise), so one catch-all route per method will do:
                // sparkjava matches a request against every route of its method, splitting the
                // request's path and the route's for each, which took 2-3 µs of CPU per request
                // with one route per endpoint.
                for (var method :
                        table.endpoints().map(RouteTable.Endpoint::method).distinct()) {
                    spark.Route route = dispatch::run;
                    switch (method) {
                        case "GET" -> service.get("*", route);
                        case "POST" -> service.post("*", route);
                        case "DELETE" -> service.delete("*", route);
                        default -> throw new IllegalStateException("no such method in the table");
                    }
                }
                service.exception(Exception.class, dispatch::failed);
                service.afterAfter(dispatch::log);
                service.awaitInitialization();
            } finally {
                // The factory was needed only to make this one server.
                EmbeddedServers.add(identifier, null);
            }
            if (failure.get() != null
                    || jetty.server() == null
                    || !jetty.server().isStarted()) {
                stopQuietly(service, jetty.server());
                var cause = failure.get();
                throw new IllegalStateException(
                        "cannot listen on " + settings.bindAddress() + ":" + settings.port()
                                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                        cause);
            }
            int port = jetty.localPort();
            LOG.info("REST API listening on {}:{}", settings.bindAddress(), port);
            return new RestServer(service, jetty.server(), port);
        }
    }

    static RouteTable routeTable(RestUseCases useCases) {
        var sessions = new SessionRoutes(useCases);
        return new RouteTable(sessions.endpoints()
                .appendAll(new AccountRoutes(useCases, sessions).endpoints())
                .appendAll(new TokenRoutes(useCases, sessions).endpoints())
                .appendAll(new VerificationRoutes(useCases).endpoints())
                .appendAll(new OperationsRoutes(useCases).endpoints()));
    }

    /** The port it listens on (the one chosen when the settings asked for 0). */
    public int port() {
        return port;
    }

    /**
     * Stops gracefully: accepts no new connection, lets requests in flight finish (up to the
     * settings' grace), then closes. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopQuietly(service, jetty);
            LOG.info("REST API on port {} stopped", port);
        }
    }

    private static void stopQuietly(Service service, Server jetty) {
        try {
            if (jetty != null) {
                // With a stop timeout and a StatisticsHandler, Jetty closes its connectors first,
                // waits for requests in flight, then stops.
                jetty.stop();
            }
        } catch (Exception e) {
            LOG.warn("the REST server did not stop cleanly ({})", e.getClass().getName());
        }
        // Jetty is stopped by now; sparkjava's own stop only clears its state, on a thread of its
        // own whose end it signals. Once, a process waited for that signal forever: wait a while only.
        service.stop();
        var confirmation = new Thread(service::awaitStop, "seatwarden-rest-stop");
        confirmation.setDaemon(true);
        confirmation.start();
        try {
            confirmation.join(SPARK_STOP_WAIT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (confirmation.isAlive()) {
            LOG.warn(
                    "sparkjava did not confirm its stop within {} s; Jetty is stopped, going on",
                    SPARK_STOP_WAIT.toSeconds());
        }
    }

    /** What every request goes through: routing by the table, the endpoint, failures, the log. */
    private static final class Dispatch {
        private final Service service;
        private final RouteTable table;
        private final ClientAddress clientAddress;
        private final RestUseCases useCases;

        Dispatch(Service service, RouteTable table, ClientAddress clientAddress, RestUseCases useCases) {
            this.service = service;
            this.table = table;
            this.clientAddress = clientAddress;
            this.useCases = useCases;
        }

        /** Before any route: the request id, common headers; 404 and 405 from the table. */
        void route(Request request, Response response) {
            var raw = request.raw();
            var exchange = new Exchange(
                    raw,
                    Exchange.requestIdOf(raw),
                    clientAddress.of(raw),
                    clientAddress.isSecure(raw),
                    useCases.clock().instant().toEpochMilli());
            raw.setAttribute(Exchange.ATTRIBUTE, exchange);
            JettyServers.commonHeaders(response.raw(), exchange.requestId());
            var routing = table.route(raw.getMethod(), raw.getRequestURI());
            if (routing instanceof RouteTable.Matched matched) {
                exchange.routed(matched.endpoint(), matched.params());
                return;
            }
            var answer = routing instanceof RouteTable.WrongMethod wrong
                    ? Problems.methodNotAllowed(exchange.path(), wrong.allowed())
                    : Problems.of("NOT_FOUND", exchange.path());
            answer.applyTo(response.raw());
            throw service.halt(answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
        }

        /** The matched endpoint (the one the table chose, whatever sparkjava matched). */
        Object run(Request request, Response response) {
            var exchange = (Exchange) request.raw().getAttribute(Exchange.ATTRIBUTE);
            Answer answer;
            try {
                answer = exchange.endpoint().handler().handle(exchange);
            } catch (RuntimeException e) {
                answer = failure(e, exchange);
            }
            answer.applyTo(response.raw());
            if (answer.contentType() != null) {
                // A known length lets Jetty send head and body in one write, the moment the body is
                // written, instead of a chunk, then a last chunk when sparkjava closes the stream.
                response.raw().setContentLength(answer.body().length);
            } else {
                // Committed now, without a body: sparkjava would otherwise label it text/html.
                try {
                    response.raw().flushBuffer();
                } catch (java.io.IOException gone) {
                    LOG.debug("request {}: the client left before its answer", exchange.requestId());
                }
            }
            return answer.body();
        }

        /** A failure that escaped the endpoint (sparkjava's own, for instance). */
        void failed(Exception e, Request request, Response response) {
            HttpServletResponse raw = response.raw();
            var exchange = (Exchange) request.raw().getAttribute(Exchange.ATTRIBUTE);
            var answer = failure(e, exchange);
            answer.applyTo(raw);
            response.body(new String(answer.body(), StandardCharsets.UTF_8));
        }

        private Answer failure(Exception e, Exchange exchange) {
            var path = exchange == null ? null : exchange.path();
            var requestId = exchange == null ? "-" : exchange.requestId();
            if (e instanceof ConcurrentUpdateException) {
                LOG.warn("request {} gave up after concurrent updates", requestId);
                return Problems.serviceBusy(path);
            }
            LOG.error("request {} failed", requestId, e);
            return Problems.internalError(path);
        }

        void log(Request request, Response response) {
            var raw = request.raw();
            var exchange = (Exchange) raw.getAttribute(Exchange.ATTRIBUTE);
            long took = exchange == null
                    ? 0
                    : Math.max(0, useCases.clock().instant().toEpochMilli() - exchange.startedAtMillis());
            RequestLog.log(
                    raw.getMethod(),
                    raw.getRequestURI(),
                    response.raw().getStatus(),
                    took,
                    exchange == null ? "-" : exchange.requestId());
        }
    }
}
