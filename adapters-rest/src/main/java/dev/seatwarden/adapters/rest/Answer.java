package dev.seatwarden.adapters.rest;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import java.io.IOException;
import java.util.Objects;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpHeader;

/** What one request is answered: status, headers of its own, body. */
record Answer(int status, String contentType, List<Tuple2<String, String>> headers, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    Answer {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    static Answer json(int status, byte[] body) {
        return new Answer(status, JSON, List.empty(), body);
    }

    static Answer noContent() {
        return new Answer(204, null, List.empty(), new byte[0]);
    }

    Answer withHeader(String name, String value) {
        return new Answer(status, contentType, headers.append(new Tuple2<>(name, value)), body);
    }

    boolean isProblem() {
        return status >= 400;
    }

    /** Sets status, content type and headers on {@code response}; the body is written by the caller. */
    void applyTo(HttpServletResponse response) {
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
            if (response instanceof org.eclipse.jetty.server.Response jetty) {
                // Jetty writes a type it knows in its own spelling ("application/json;charset=utf-8");
                // the header carries the spec's ("application/json; charset=utf-8").
                jetty.getHttpFields().put(HttpHeader.CONTENT_TYPE, contentType);
            }
        }
        headers.forEach(header -> response.addHeader(header._1, header._2));
    }

    /** Sets everything and writes the body itself, for answers given outside sparkjava's routing. */
    void writeTo(HttpServletResponse response) throws IOException {
        applyTo(response);
        response.setContentLength(body.length);
        try (var out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
