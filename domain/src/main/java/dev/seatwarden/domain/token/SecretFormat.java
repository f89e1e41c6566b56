package dev.seatwarden.domain.token;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * R6: a secret is the kind's prefix, 32 base62 characters drawn from a CSPRNG (more than 190 bits),
 * and a 6-character base62 CRC-32 of everything before it, so that anyone can check a secret
 * offline.
 */
public final class SecretFormat {

    /** The base62 alphabet: digit values 0–61 in this order. */
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Random characters after the prefix. */
    public static final int RANDOM_LENGTH = 32;
    /** Characters of the checksum. */
    public static final int CHECKSUM_LENGTH = 6;
    /** Length of every secret: prefix, random part, checksum. */
    public static final int LENGTH = 4 + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private SecretFormat() {}

    /** A new secret of {@code kind}, its random part drawn from {@code randomness}. */
    public static Secret generate(TokenKind kind, Randomness randomness) {
        var body = new StringBuilder(LENGTH).append(kind.prefix());
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body.append(ALPHABET.charAt(randomness.nextInt(ALPHABET.length())));
        }
        return new Secret(kind, body.append(checksum(body.toString())).toString());
    }

    /**
     * The offline check: {@code TOKEN_MALFORMED} unless {@code raw} has a known prefix, the right
     * length, only base62 characters after the prefix and a matching checksum.
     */
    public static Either<Refusal, Secret> parse(String raw) {
        if (raw == null || raw.length() != LENGTH) {
            return Either.left(new Refusal.TokenMalformed());
        }
        var kind = TokenKind.ofPrefix(raw);
        if (kind.isEmpty() || !isBase62After(raw, 4)) {
            return Either.left(new Refusal.TokenMalformed());
        }
        if (!checksumMatches(raw)) {
            return Either.left(new Refusal.TokenMalformed());
        }
        return Either.right(new Secret(kind.get(), raw));
    }

    /**
     * Whether the last {@link #CHECKSUM_LENGTH} characters of {@code raw} are {@link #checksum} of
     * the others, compared digit by digit, least significant first (every verification makes this
     * check, so it makes neither substrings nor the checksum's string). {@code raw} is ASCII here, so its UTF-8 bytes are its
     * characters.
     */
    private static boolean checksumMatches(String raw) {
        var crc = new CRC32();
        crc.update(raw.getBytes(StandardCharsets.US_ASCII), 0, LENGTH - CHECKSUM_LENGTH);
        long value = crc.getValue();
        for (int i = LENGTH - 1; i >= LENGTH - CHECKSUM_LENGTH; i--) {
            if (raw.charAt(i) != ALPHABET.charAt((int) (value % ALPHABET.length()))) {
                return false;
            }
            value /= ALPHABET.length();
        }
        return true;
    }

    /** Whether every character of {@code raw} from {@code start} on is one of {@link #ALPHABET}. */
    private static boolean isBase62After(String raw, int start) {
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code raw} is not a secret, in words that never repeat it (so a message may show them);
     * none if it is one. Exactly the strings that {@link #parse} refuses get a reason.
     */
    public static Option<String> diagnose(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Option.some("it is empty");
        }
        if (TokenKind.ofPrefix(raw).isEmpty()) {
            return Option.some("it does not start with " + TokenKind.API.prefix() + " (an API token) or "
                    + TokenKind.INTEGRATION.prefix() + " (an integration token)");
        }
        if (!isBase62After(raw, 4)) {
            return Option.some("after its prefix it has a character other than 0-9, A-Z and a-z");
        }
        if (raw.length() != LENGTH) {
            return Option.some("it has " + raw.length() + " characters; a token has " + LENGTH);
        }
        if (parse(raw).isLeft()) {
            return Option.some("its checksum does not match: a character was mistyped, changed or swapped");
        }
        return Option.none();
    }

    /** The CRC-32 (IEEE) of the UTF-8 bytes of {@code payload}, in 6 base62 digits, most significant first. */
    public static String checksum(String payload) {
        var crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        long value = crc.getValue();
        var digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(digits);
    }
}
