package dev.seatwarden.application.testing;

import dev.seatwarden.domain.token.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * R5: remembers every secret a test was shown, and finds any of them, or its SHA-256 in hex, in the
 * text of a view. The hash is computed here, independently of the application's hasher. Failure
 * messages never print a secret: it is replaced by its hint.
 */
public final class SecretLeaks {

    private static final int SECRET_LENGTH = 42;
    private static final int HASH_LENGTH = 64;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Set<String> hashes = ConcurrentHashMap.newKeySet();

    /** Remembers a secret shown by creation or rotation. */
    public void shown(Secret secret) {
        shown(secret.reveal());
    }

    /** Remembers a secret string. */
    public void shown(String secret) {
        secrets.add(secret);
        hashes.add(sha256Hex(secret));
    }

    public int size() {
        return secrets.size();
    }

    /** Fails if the text of any of {@code views} holds a remembered secret or its hash. */
    public void assertNoneIn(Object... views) {
        for (var view : views) {
            var text = String.valueOf(view);
            var found = find(text);
            if (found != null) {
                throw new AssertionError(found + " appears in a view: " + redacted(text));
            }
        }
    }

    /** What leaked in {@code text}, or {@code null}. */
    public String find(String text) {
        for (int i = text.indexOf("sw"); i >= 0; i = text.indexOf("sw", i + 1)) {
            if (i + SECRET_LENGTH <= text.length() && secrets.contains(text.substring(i, i + SECRET_LENGTH))) {
                return "a secret";
            }
        }
        int run = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
                run++;
                continue;
            }
            for (int start = i - run; start + HASH_LENGTH <= i; start++) {
                if (hashes.contains(text.substring(start, start + HASH_LENGTH).toLowerCase(Locale.ROOT))) {
                    return "the SHA-256 of a secret";
                }
            }
            run = 0;
        }
        return null;
    }

    private String redacted(String text) {
        var out = text;
        for (var secret : secrets) {
            out = out.replace(secret, "<secret …" + secret.substring(secret.length() - 4) + ">");
            out = out.replace(sha256Hex(secret), "<hash>");
        }
        return out;
    }

    /** SHA-256 of the UTF-8 bytes, lower-case hex (R5's stored form). */
    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
