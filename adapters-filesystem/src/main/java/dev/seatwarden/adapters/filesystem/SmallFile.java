package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.application.client.CredentialFault.Position;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file that is small by nature (a credential, a machine id) without ever reading more than
 * a cap, nor opening anything but a regular file (a pipe would block, a device never end).
 */
final class SmallFile {

    private SmallFile() {}

    /** Why a file could not be read: missing, or something else in words. */
    record Failure(boolean missing, String problem, Option<Position> at) {

        static Failure missingFile() {
            return new Failure(true, "missing", Option.none());
        }

        static Failure of(String problem) {
            return new Failure(false, problem, Option.none());
        }
    }

    /** The bytes of {@code file}, at most {@code cap} of them. */
    static Either<Failure, byte[]> bytes(Path file, int cap) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return Either.left(Failure.missingFile());
        } catch (IOException | RuntimeException failure) {
            return Either.left(Failure.of("unreadable: " + Problems.describe(failure)));
        }
        if (attributes.isDirectory()) {
            return Either.left(Failure.of("not a regular file: it is a folder"));
        }
        if (!attributes.isRegularFile()) {
            return Either.left(Failure.of("not a regular file (a device, a pipe or a socket)"));
        }
        if (attributes.size() > cap) {
            return Either.left(tooLarge(cap));
        }
        try (var in = Files.newInputStream(file)) {
            var bytes = in.readNBytes(cap + 1);
            return bytes.length > cap ? Either.left(tooLarge(cap)) : Either.right(bytes);
        } catch (NoSuchFileException missing) {
            return Either.left(Failure.missingFile());
        } catch (IOException | RuntimeException failure) {
            return Either.left(Failure.of("unreadable: " + Problems.describe(failure)));
        }
    }

    /** The text of {@code file}: its bytes as UTF-8, refused where they are not. */
    static Either<Failure, String> text(Path file, int cap) {
        return bytes(file, cap).flatMap(SmallFile::utf8);
    }

    /** {@code bytes} decoded as UTF-8; the left names the line and column of the first invalid byte. */
    static Either<Failure, String> utf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Either.right(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notUtf8) {
            int offset = firstInvalid(bytes);
            var before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < before.length(); i++) {
                if (before.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = before.codePointCount(lineStart, before.length()) + 1;
            return Either.left(new Failure(
                    false,
                    "not UTF-8 text: the byte at offset " + offset + " is not valid UTF-8",
                    Option.some(new Position(line, column))));
        }
    }

    private static int firstInvalid(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    private static Failure tooLarge(int cap) {
        return Failure.of("too large: more than " + cap + " bytes, where a few hundred are expected; is this the right"
                + " file?");
    }
}
