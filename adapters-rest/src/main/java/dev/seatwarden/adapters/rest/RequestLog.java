package dev.seatwarden.adapters.rest;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path (never the query), status, duration, request id. Never
 * headers, cookies or bodies, so no secret, password, session id or CSRF token.
 */
final class RequestLog {

    static final Logger ACCESS = LoggerFactory.getLogger("dev.seatwarden.adapters.rest.access");

    private static final Pattern SECRET_SHAPE = Pattern.compile("(sw[ai]_)[0-9A-Za-z]{38}");

    private RequestLog() {}

    static void log(String method, String path, int status, long durationMillis, String requestId) {
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(
                    "{} {} {} {}ms {}",
                    clip(method, 16),
                    redacted(clip(path, 256)),
                    status,
                    durationMillis,
                    redacted(requestId));
        }
    }

    /**
     * Anything shaped like a token secret (R6: prefix, 38 base62 characters), which a careless client
     * may put in a path or a request id, is written as its prefix only.
     */
    static String redacted(String text) {
        return text == null ? "-" : SECRET_SHAPE.matcher(text).replaceAll("$1***");
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "-";
        }
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
