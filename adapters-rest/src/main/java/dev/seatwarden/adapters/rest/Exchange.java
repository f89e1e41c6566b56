package dev.seatwarden.adapters.rest;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import javax.servlet.http.HttpServletRequest;

/** One request as the routes see it: who sent it, where to, with which headers and body. */
final class Exchange {

    static final String ATTRIBUTE = "dev.seatwarden.adapters.rest.exchange";
    static final String REQUEST_ID = "X-Request-Id";

    private final HttpServletRequest request;
    private final String requestId;
    private final String clientAddress;
    private final boolean secure;
    private final long startedAtMillis;
    private Map<String, String> params = io.vavr.collection.HashMap.empty();
    private RouteTable.Endpoint endpoint;

    Exchange(HttpServletRequest request, String requestId, String clientAddress, boolean secure, long startedAtMillis) {
        this.request = Objects.requireNonNull(request, "request");
        this.requestId = requestId;
        this.clientAddress = clientAddress;
        this.secure = secure;
        this.startedAtMillis = startedAtMillis;
    }

    /** The request's own id if it sent one of 1–128 printable ASCII characters, else a new one. */
    static String requestIdOf(HttpServletRequest request) {
        var sent = request.getHeader(REQUEST_ID);
        return sent != null && isPrintableAscii(sent, 128) ? sent : RequestIds.next();
    }

    static boolean isPrintableAscii(String value, int maxLength) {
        return !value.isEmpty() && value.length() <= maxLength && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    void routed(RouteTable.Endpoint matched, Map<String, String> pathParams) {
        this.endpoint = matched;
        this.params = pathParams;
    }

    RouteTable.Endpoint endpoint() {
        return endpoint;
    }

    String method() {
        return request.getMethod();
    }

    /** The path as sent, still percent-encoded, without the query. */
    String path() {
        return request.getRequestURI();
    }

    String requestId() {
        return requestId;
    }

    String clientAddress() {
        return clientAddress;
    }

    /** Whether the client reached us over TLS (directly, or through the trusted proxy). */
    boolean secure() {
        return secure;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    String param(String name) {
        return params.get(name).getOrElseThrow(() -> new IllegalStateException("no path parameter " + name));
    }

    Option<String> header(String name) {
        return Option.of(request.getHeader(name));
    }

    List<String> headers(String name) {
        var values = request.getHeaders(name);
        return values == null ? List.empty() : List.ofAll(Collections.list(values));
    }

    /** The value of cookie {@code name} in the {@code Cookie} headers, the first if several. */
    Option<String> cookie(String name) {
        return headers("Cookie")
                .flatMap(header -> List.of(header.split(";")))
                .map(String::strip)
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .headOption();
    }

    /** Every value of query parameter {@code name}, percent-decoded ({@code +} is a space). */
    Option<List<String>> query(String name) {
        var query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return Option.none();
        }
        var values = List.of(query.split("&"))
                .map(pair -> {
                    int eq = pair.indexOf('=');
                    return eq < 0
                            ? new String[] {pair, ""}
                            : new String[] {pair.substring(0, eq), pair.substring(eq + 1)};
                })
                .filter(pair -> RouteTable.decode(pair[0].replace('+', ' ')).contains(name))
                .map(pair -> RouteTable.decode(pair[1].replace('+', ' ')).getOrElse("\u0000"));
        return values.isEmpty() ? Option.none() : Option.some(values);
    }

    boolean changesState() {
        var method = method().toUpperCase(Locale.ROOT);
        return method.equals("POST") || method.equals("DELETE") || method.equals("PUT") || method.equals("PATCH");
    }

    long contentLength() {
        return request.getContentLengthLong();
    }

    boolean isChunked() {
        return headers("Transfer-Encoding")
                .exists(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /** Whether the request says it has no body: no length (or 0), and not chunked. */
    boolean declaresNoBody() {
        return !isChunked() && contentLength() <= 0;
    }

    /** The body's bytes straight from the connection, bypassing sparkjava's unbounded cache. */
    InputStream bodyStream() throws IOException {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner.getInputStream();
    }
}
