package dev.seatwarden.adapters.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatwarden.domain.shared.FieldError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Request bodies in, response bodies out. Strict: a body is a JSON object in UTF-8 of at most 16
 * KiB; each field has exactly its JSON type (no "5" for 5, no 1.5 or 1e400 for an integer). Jackson's
 * own messages, which may quote the input, never leave this class.
 */
final class JsonBodies {

    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_DEPTH = 32;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(64)
                            .maxStringLength(MAX_BODY_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private JsonBodies() {}

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; this is a bug, reported without the value.
            throw new IllegalStateException("a response body could not be written as JSON");
        }
    }

    /**
     * The request's body as a JSON object, none if it has none (no bytes); else the problem that
     * refuses it, in the order 415, 413, 400.
     */
    static Either<Answer, Option<ObjectNode>> objectBody(Exchange exchange) {
        var instance = exchange.path();
        boolean jsonType = exchange.header("Content-Type").exists(JsonBodies::isJson);
        long length = exchange.contentLength();
        if (exchange.declaresNoBody()) {
            return Either.right(Option.none());
        }
        if (!exchange.isChunked()) {
            if (!jsonType) {
                return Either.left(Problems.of("UNSUPPORTED_MEDIA_TYPE", instance));
            }
            if (length > MAX_BODY_BYTES) {
                return Either.left(Problems.of("PAYLOAD_TOO_LARGE", instance));
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.bodyStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException | RuntimeException unreadable) {
            // A broken chunk or a body shorter than announced: nothing to parse.
            return Either.left(Problems.of("MALFORMED_JSON", instance));
        }
        if (bytes.length == 0) {
            return Either.right(Option.none());
        }
        if (!jsonType) {
            return Either.left(Problems.of("UNSUPPORTED_MEDIA_TYPE", instance));
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return Either.left(Problems.of("PAYLOAD_TOO_LARGE", instance));
        }
        var parsed = parseObject(bytes);
        return parsed.isDefined() ? Either.right(parsed) : Either.left(Problems.of("MALFORMED_JSON", instance));
    }

    /** {@code application/json}, any case, with no parameter but an optional {@code charset=utf-8}. */
    static boolean isJson(String contentType) {
        var parts = contentType.split(";", -1);
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            var parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
            if (!parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }

    /** A JSON object from strict UTF-8 bytes; anything else (null, array, scalar, trailing text…) fails. */
    static Option<ObjectNode> parseObject(byte[] bytes) {
        try {
            var text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? Option.some(object) : Option.none();
        } catch (CharacterCodingException | JsonProcessingException | RuntimeException malformed) {
            // Deliberately dropped: the parser's message can quote the body, secrets included.
            return Option.none();
        }
    }

    /** Reads the fields of one request object, collecting every fault. */
    static final class Fields {
        private final ObjectNode body;

        Fields(Option<ObjectNode> body) {
            this.body = body.getOrElse(MAPPER::createObjectNode);
        }

        /** One error per field the body has beyond {@code known}. */
        Seq<FieldError> unknown(String... known) {
            var allowed = List.of(known);
            return List.ofAll(() -> body.fieldNames())
                    .filter(name -> !allowed.contains(name))
                    .map(name -> new FieldError(clip(name), "is not a known field"));
        }

        Validation<FieldError, String> requiredString(String name) {
            var node = body.get(name);
            if (node == null || node.isNull()) {
                return Validation.invalid(new FieldError(name, "is required"));
            }
            return node.isTextual()
                    ? Validation.valid(node.textValue())
                    : Validation.invalid(new FieldError(name, "must be a string"));
        }

        Validation<FieldError, Option<String>> optionalString(String name) {
            var node = body.get(name);
            if (node == null || node.isNull()) {
                return Validation.valid(Option.none());
            }
            return node.isTextual()
                    ? Validation.valid(Option.some(node.textValue()))
                    : Validation.invalid(new FieldError(name, "must be a string"));
        }

        Validation<FieldError, Option<Instant>> optionalInstant(String name) {
            return optionalString(name)
                    .flatMap(text -> text.isEmpty()
                            ? Validation.valid(Option.none())
                            : parseInstant(name, text.get()).map(Option::some));
        }

        private static Validation<FieldError, Instant> parseInstant(String name, String text) {
            try {
                return Validation.valid(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Validation.invalid(
                        new FieldError(name, "must be an ISO-8601 time such as 2030-01-07T09:00:00Z"));
            }
        }

        Validation<FieldError, Option<Long>> optionalInteger(String name) {
            var node = body.get(name);
            if (node == null || node.isNull()) {
                return Validation.valid(Option.none());
            }
            return node.isIntegralNumber() && node.canConvertToLong()
                    ? Validation.valid(Option.some(node.longValue()))
                    : Validation.invalid(new FieldError(name, "must be an integer"));
        }

        Validation<FieldError, List<String>> requiredStrings(String name) {
            var node = body.get(name);
            if (node == null || node.isNull()) {
                return Validation.invalid(new FieldError(name, "is required"));
            }
            if (!node.isArray()) {
                return Validation.invalid(new FieldError(name, "must be an array of strings"));
            }
            var values = List.ofAll(node::elements);
            return values.forAll(JsonNode::isTextual)
                    ? Validation.valid(values.map(JsonNode::textValue))
                    : Validation.invalid(new FieldError(name, "must be an array of strings"));
        }

        private static String clip(String name) {
            return name.length() <= 100 ? name : name.substring(0, 100);
        }
    }
}
