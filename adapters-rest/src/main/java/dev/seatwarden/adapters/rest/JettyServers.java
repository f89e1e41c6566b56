package dev.seatwarden.adapters.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * The Jetty server under sparkjava, made here so that we hold it: one connector of our own (no
 * {@code Server} header, the settings' idle timeout, the real port when 0 was asked), problem+json
 * for what Jetty answers itself, and a {@link StatisticsHandler} so that a stop is graceful.
 */
final class JettyServers implements JettyServerFactory {

    private final RestSettings settings;
    private volatile Server server;

    JettyServers(RestSettings settings) {
        this.settings = settings;
    }

    Server server() {
        return server;
    }

    @Override
    public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
        var pool = new QueuedThreadPool(200, 8, 60_000);
        pool.setName("seatwarden-rest");
        return create(pool);
    }

    @Override
    public Server create(ThreadPool threadPool) {
        var created = new GuardedServer(threadPool);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true);
        var connector = new ServerConnector(created, new HttpConnectionFactory(http));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        created.addConnector(connector);
        created.setErrorHandler(new ProblemErrorHandler());
        created.setStopTimeout(settings.shutdownGrace().toMillis());
        created.setStopAtShutdown(false);
        this.server = created;
        return created;
    }

    /** The port the connector listens on, once started. */
    int localPort() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * A server that puts whatever handler sparkjava gives it behind a {@link StatisticsHandler}
     * (which lets a stop wait for requests in flight) and a {@link RequestGate}.
     */
    private static final class GuardedServer extends Server {
        GuardedServer(ThreadPool pool) {
            super(pool);
        }

        @Override
        public void setHandler(Handler handler) {
            var gate = new RequestGate();
            gate.setHandler(handler);
            var statistics = new StatisticsHandler();
            statistics.setHandler(gate);
            super.setHandler(statistics);
        }
    }

    /**
     * Before sparkjava sees a request: hides {@code X-HTTP-Method-Override} (sparkjava would route by
     * it, so routing and the route table would disagree), and answers paths that are not validly
     * percent-encoded (which sparkjava's decoding would turn into an exception) with a 404.
     */
    static final class RequestGate extends HandlerWrapper {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            var path = request.getRequestURI();
            if (path == null || !RouteTable.isWellEncoded(path)) {
                baseRequest.setHandled(true);
                var requestId = Exchange.requestIdOf(request);
                commonHeaders(response, requestId);
                var answer = Problems.of("NOT_FOUND", RouteTable.isWellEncoded(String.valueOf(path)) ? path : null);
                answer.writeTo(response);
                RequestLog.log(request.getMethod(), "-", answer.status(), 0, requestId);
                return;
            }
            super.handle(
                    target,
                    baseRequest,
                    new HttpServletRequestWrapper(request) {
                        @Override
                        public String getHeader(String name) {
                            return isOverride(name) ? null : super.getHeader(name);
                        }

                        @Override
                        public java.util.Enumeration<String> getHeaders(String name) {
                            return isOverride(name) ? java.util.Collections.emptyEnumeration() : super.getHeaders(name);
                        }
                    },
                    response);
        }

        private static boolean isOverride(String name) {
            return "X-HTTP-Method-Override".equalsIgnoreCase(name);
        }
    }

    static void commonHeaders(HttpServletResponse response, String requestId) {
        response.setHeader(Exchange.REQUEST_ID, requestId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
    }

    /**
     * What Jetty answers without dispatching (a bad request line, headers too large…) or after a
     * failure that escaped every handler: a problem, never Jetty's HTML, never the failure's text.
     */
    static final class ProblemErrorHandler extends ErrorHandler {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            baseRequest.setHandled(true);
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            var requestId = Exchange.requestIdOf(request);
            commonHeaders(response, requestId);
            var path = request.getRequestURI();
            problem(status, path != null && RouteTable.isWellEncoded(path) ? path : null)
                    .writeTo(response);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            // The reason may quote the request; it is not shown, and only the status is logged.
            var requestId = RequestIds.next();
            var answer = problem(status, null);
            fields.put(HttpHeader.CONTENT_TYPE, answer.contentType());
            fields.put(Exchange.REQUEST_ID, requestId);
            fields.put("X-Content-Type-Options", "nosniff");
            fields.put(HttpHeader.CACHE_CONTROL, "no-store");
            RequestLog.log("-", "-", status, 0, requestId);
            return ByteBuffer.wrap(answer.body());
        }

        private static Answer problem(int status, String instance) {
            String code;
            if (status >= 500) {
                code = status == 503 ? "SERVICE_BUSY" : "INTERNAL_ERROR";
            } else if (status == 404) {
                code = "NOT_FOUND";
            } else if (status == 405) {
                code = "METHOD_NOT_ALLOWED";
            } else if (status == 413) {
                code = "PAYLOAD_TOO_LARGE";
            } else if (status == 415) {
                code = "UNSUPPORTED_MEDIA_TYPE";
            } else {
                code = "MALFORMED_REQUEST";
            }
            return Problems.of(code, status, instance, body -> {});
        }
    }
}
