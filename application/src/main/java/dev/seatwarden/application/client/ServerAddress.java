package dev.seatwarden.application.client;

import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a Seatwarden server answers, as {@code rpd_account.json}'s {@code host} and
 * {@code --host} give it: a host name (or IP address) with an optional port, HTTPS assumed
 * ({@code api.example.com}, {@code api.example.com:8443}), or an {@code http://} or
 * {@code https://} URL, which may carry a path prefix ({@code https://example.com/seatwarden}).
 * No user name, password, query or fragment.
 *
 * @param written the address as the user wrote it, kept for the file and for messages
 * @param base the URL requests are made below, without a trailing slash
 */
public record ServerAddress(String written, URI base) {

    private static final int MAX_LENGTH = 2048;

    public ServerAddress {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(base, "base");
    }

    /** Parses untrusted input; the left is why it is not an address, in words for a message. */
    public static Either<String, ServerAddress> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Either.left("the host is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            return Either.left("the host is longer than " + MAX_LENGTH + " characters");
        }
        if (raw.codePoints().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            return Either.left("the host has a space, a control character or a non-ASCII character");
        }
        int separator = raw.indexOf("://");
        if (separator < 0) {
            if (raw.contains("/") || raw.contains("?") || raw.contains("#") || raw.contains("@")) {
                return Either.left("the host is neither a host name with an optional port (api.example.com:8443)"
                        + " nor an http:// or https:// URL");
            }
            return url("https://" + raw).map(base -> new ServerAddress(raw, base));
        }
        var scheme = raw.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Either.left("the host's URL must start with http:// or https://");
        }
        return url(raw).map(base -> new ServerAddress(raw, base));
    }

    private static Either<String, URI> url(String text) {
        URI uri;
        try {
            uri = new URI(text).parseServerAuthority();
        } catch (URISyntaxException invalid) {
            return Either.left("the host is not a valid host name, port or URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Either.left("the host must not hold a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Either.left("the host's URL must not have a query (?) or a fragment (#)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Either.left("the host has no host name");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Either.left("the host's port must be 1 to 65535");
        }
        var path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Either.right(
                URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path));
    }

    /** The URL of {@code path} (starting with {@code /}) on this server. */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return written;
    }
}
