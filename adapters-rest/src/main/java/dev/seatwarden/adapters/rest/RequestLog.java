package dev.seatwarden.adapters.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path (never the query), status, duration, request id. Never
 * headers, cookies or bodies, so no secret, password, session id or CSRF token.
 */
final class RequestLog {

    static final Logger ACCESS = LoggerFactory.getLogger("dev.seatwarden.adapters.rest.access");

    private RequestLog() {}

    static void log(String method, String path, int status, long durationMillis, String requestId) {
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("{} {} {} {}ms {}", clip(method, 16), clip(path, 256), status, durationMillis, requestId);
        }
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "-";
        }
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
