package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.RouteTable.Endpoint;
import io.vavr.collection.List;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Health probes, the OpenAPI document and the dashboard (its page and files). */
final class OperationsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsRoutes.class);

    private final RestUseCases useCases;
    private final byte[] openApi;
    private final byte[] dashboard;
    private final Map<String, byte[]> dashboardFiles;

    /** The dashboard's files: read once at start, the only names {@code /dashboard/{file}} serves. */
    static final java.util.List<String> DASHBOARD_FILES = java.util.List.of(
            "app.js", "api.js", "audit.js", "dialogs.js", "dom.js", "tokens.js", "style.css", "favicon.svg");

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    OperationsRoutes(RestUseCases useCases) {
        this.useCases = useCases;
        this.openApi = resource("/openapi.json");
        this.dashboard = resource("/dashboard/index.html");
        this.dashboardFiles = DASHBOARD_FILES.stream()
                .collect(Collectors.toUnmodifiableMap(name -> name, name -> resource("/dashboard/" + name)));
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/health", this::health),
                new Endpoint(
                        "GET",
                        "/health/live",
                        exchange -> Answer.json(200, JsonBodies.write(new Representations.LiveJson("UP")))),
                new Endpoint("GET", "/openapi.json", exchange -> Answer.json(200, openApi)),
                new Endpoint("GET", "/", this::dashboard),
                new Endpoint("GET", "/dashboard/{file}", this::dashboardFile));
    }

    private Answer health(Exchange exchange) {
        boolean up = Try.of(() -> useCases.databaseUp().getAsBoolean())
                .onFailure(e -> LOG.warn(
                        "database health check failed ({}), request {}",
                        e.getClass().getName(),
                        exchange.requestId()))
                .getOrElse(false);
        var status = up ? "UP" : "DOWN";
        return Answer.json(up ? 200 : 503, JsonBodies.write(new Representations.HealthJson(status, status)));
    }

    private Answer dashboard(Exchange exchange) {
        return page(new Answer(200, "text/html; charset=utf-8", List.empty(), dashboard));
    }

    /** A file of the dashboard (its scripts, styles, icons), from the jar's {@code /dashboard/} folder. */
    private Answer dashboardFile(Exchange exchange) {
        var name = exchange.param("file");
        var bytes = dashboardFiles.get(name);
        if (bytes == null) {
            return Problems.of("NOT_FOUND", exchange.path());
        }
        var extension = name.substring(name.lastIndexOf('.') + 1);
        return page(new Answer(200, CONTENT_TYPES.get(extension), List.empty(), bytes));
    }

    /**
     * The dashboard's own headers: its scripts and styles only from this server, no inline script,
     * no framing, no referrer (X-Content-Type-Options and Cache-Control are on every answer).
     */
    private static Answer page(Answer answer) {
        return answer.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("X-Frame-Options", "DENY");
    }

    private static byte[] resource(String name) {
        try (InputStream in = OperationsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }
}
