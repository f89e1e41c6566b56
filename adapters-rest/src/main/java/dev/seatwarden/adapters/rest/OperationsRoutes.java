package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.RouteTable.Endpoint;
import io.vavr.collection.List;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Health probes, the OpenAPI document and the dashboard page. */
final class OperationsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsRoutes.class);

    private final RestUseCases useCases;
    private final byte[] openApi;
    private final byte[] dashboard;

    OperationsRoutes(RestUseCases useCases) {
        this.useCases = useCases;
        this.openApi = resource("/openapi.json");
        this.dashboard = resource("/dashboard/index.html");
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/health", this::health),
                new Endpoint(
                        "GET",
                        "/health/live",
                        exchange -> Answer.json(200, JsonBodies.write(new Representations.LiveJson("UP")))),
                new Endpoint("GET", "/openapi.json", exchange -> Answer.json(200, openApi)),
                new Endpoint("GET", "/", this::dashboard));
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
        return new Answer(200, "text/html; charset=utf-8", List.empty(), dashboard)
                .withHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .withHeader("Referrer-Policy", "no-referrer");
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
