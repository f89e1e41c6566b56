package dev.seatwarden.adapters.rest;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Collections;
import java.util.Locale;
import javax.servlet.http.HttpServletRequest;

/**
 * Who sent a request: the connection's peer, unless the peer is the trusted proxy, whose
 * forwarded headers are then believed (the right-most entry, the one the proxy appended). Anyone
 * can send such headers, so from anyone else they are ignored.
 */
final class ClientAddress {

    private final Option<String> trustedProxy;

    ClientAddress(Option<String> trustedProxy) {
        this.trustedProxy = trustedProxy.map(ClientAddress::bare);
    }

    String of(HttpServletRequest request) {
        var peer = request.getRemoteAddr();
        if (!fromProxy(request)) {
            return peer;
        }
        return last(request, "X-Forwarded-For")
                .flatMap(value -> rightMost(value))
                .orElse(() -> last(request, "Forwarded").flatMap(ClientAddress::forwardedFor))
                .map(ClientAddress::bare)
                .filter(address -> Exchange.isPrintableAscii(address, 128))
                .getOrElse(peer);
    }

    /** Over TLS to us, or to the trusted proxy that says so in {@code X-Forwarded-Proto}. */
    boolean isSecure(HttpServletRequest request) {
        return request.isSecure()
                || (fromProxy(request)
                        && last(request, "X-Forwarded-Proto")
                                .flatMap(ClientAddress::rightMost)
                                .exists(proto -> proto.equalsIgnoreCase("https")));
    }

    private boolean fromProxy(HttpServletRequest request) {
        var peer = request.getRemoteAddr();
        return peer != null && trustedProxy.exists(proxy -> proxy.equalsIgnoreCase(bare(peer)));
    }

    private static Option<String> last(HttpServletRequest request, String header) {
        var values = request.getHeaders(header);
        return values == null
                ? Option.none()
                : List.ofAll(Collections.list(values)).lastOption();
    }

    private static Option<String> rightMost(String list) {
        return List.of(list.split(",")).map(String::strip).lastOption().filter(s -> !s.isEmpty());
    }

    /** The {@code for=} of the last element of a {@code Forwarded} header (RFC 7239). */
    private static Option<String> forwardedFor(String header) {
        return List.of(header.split(","))
                .lastOption()
                .flatMap(element -> List.of(element.split(";"))
                        .map(String::strip)
                        .find(pair -> pair.toLowerCase(Locale.ROOT).startsWith("for="))
                        .map(pair -> pair.substring(4).strip()));
    }

    /** Without quotes, IPv6 brackets or a port. */
    static String bare(String address) {
        var value = address.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value;
    }
}
