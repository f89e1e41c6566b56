package dev.seatwarden.adapters.rest;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The one list of what the API serves: method and path template ({@code /v1/tokens/{id}}) of each
 * endpoint. It decides which endpoint answers a request, and 404 against 405.
 */
final class RouteTable {

    /** Answers one request that matched an endpoint. */
    @FunctionalInterface
    interface Handler {
        Answer handle(Exchange exchange);
    }

    /** One endpoint: method, path template and handler; the template's segments split once. */
    record Endpoint(String method, String template, Handler handler, List<String> segments) {
        Endpoint {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(segments, "segments");
            if (!RouteTable.segments(template).contains(segments)) {
                throw new IllegalArgumentException("the segments are not the template's");
            }
        }

        Endpoint(String method, String template, Handler handler) {
            this(method, template, handler, segmentsOf(template));
        }

        private static List<String> segmentsOf(String template) {
            return RouteTable.segments(Objects.requireNonNull(template, "template"))
                    .getOrElseThrow(() -> new IllegalArgumentException("not a path template: " + template));
        }

        /** The path parameters if {@code path} fits the template; values percent-decoded. */
        Option<Map<String, String>> match(List<String> pathSegments) {
            var own = segments;
            if (own.size() != pathSegments.size()) {
                return Option.none();
            }
            Map<String, String> params = LinkedHashMap.empty();
            for (int i = 0; i < own.size(); i++) {
                var expected = own.get(i);
                var actual = pathSegments.get(i);
                if (expected.startsWith("{")) {
                    var decoded = decode(actual);
                    if (decoded.isEmpty()) {
                        return Option.none();
                    }
                    params = params.put(expected.substring(1, expected.length() - 1), decoded.get());
                } else if (!expected.equals(actual)) {
                    return Option.none();
                }
            }
            return Option.some(params);
        }
    }

    /** What routing made of a request. */
    sealed interface Routing {}

    record Matched(Endpoint endpoint, Map<String, String> params) implements Routing {}

    record WrongMethod(List<String> allowed) implements Routing {}

    record Unknown() implements Routing {}

    private final List<Endpoint> endpoints;

    /** The endpoints by their number of segments: only those can fit a path. */
    private final Map<Integer, List<Endpoint>> bySize;

    RouteTable(List<Endpoint> endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.bySize = endpoints.groupBy(endpoint -> endpoint.segments().size());
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Routes a raw (still percent-encoded) request path. */
    Routing route(String method, String rawPath) {
        var segments = segments(rawPath);
        if (segments.isEmpty()) {
            return new Unknown();
        }
        var fitting = bySize.get(segments.get().size())
                .getOrElse(List.empty())
                .flatMap(e -> e.match(segments.get()).map(params -> new Matched(e, params)));
        var exact = fitting.find(m -> m.endpoint().method().equals(method));
        if (exact.isDefined()) {
            return exact.get();
        }
        if (fitting.nonEmpty()) {
            return new WrongMethod(fitting.map(m -> m.endpoint().method()).distinct());
        }
        return new Unknown();
    }

    /**
     * The segments of a path that starts with {@code /}, has no empty segment and no trailing slash
     * ({@code /} itself: no segment); none for anything else.
     */
    static Option<List<String>> segments(String path) {
        if (path == null || !path.startsWith("/")) {
            return Option.none();
        }
        if (path.equals("/")) {
            return Option.some(List.empty());
        }
        var parts = List.of(path.substring(1).split("/", -1));
        return parts.exists(String::isEmpty) ? Option.none() : Option.some(parts);
    }

    /** Whether every {@code %} in {@code rawPath} starts a two-hex-digit escape. */
    static boolean isWellEncoded(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '%') {
                if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /** Strict percent-decoding into UTF-8 ({@code +} stays {@code +}); none if malformed. */
    static Option<String> decode(String raw) {
        if (!isWellEncoded(raw)) {
            return Option.none();
        }
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c > 0x7E || c < 0x20) {
                return Option.none();
            } else {
                bytes.write(c);
            }
        }
        try {
            return Option.some(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Option.none();
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
