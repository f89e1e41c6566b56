package dev.seatwarden.adapters.filesystem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.seatwarden.application.client.CredentialFault.Position;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;

/**
 * The top-level fields of a JSON object, read with Jackson's streaming parser so that every value
 * keeps its line and column. Only the wanted fields are kept; the others are skipped. Jackson's own
 * messages are never passed on: they may quote the file, and the file holds a token.
 */
final class JsonFields {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonFields() {}

    /** A field's value: its JSON kind, its text if it is a string, and where the value starts. */
    record Field(String name, JsonToken kind, Option<String> text, Position at) {

        /** The kind in words: "a number", "an array". */
        String kindInWords() {
            return inWords(kind);
        }
    }

    /** What a file holds: the first value of each wanted field, and every later repetition of one. */
    record Fields(Map<String, Field> first, List<Field> repeated) {}

    /** Why a text is not one JSON object, and where. */
    record Problem(String problem, Option<Position> at) {}

    static Either<Problem, Fields> read(String text, Set<String> wanted) {
        try (var parser = JSON.createParser(text)) {
            var token = parser.nextToken();
            if (token == null) {
                return Either.left(new Problem("not JSON: the file is empty", Option.none()));
            }
            if (token != JsonToken.START_OBJECT) {
                return Either.left(new Problem(
                        "not a JSON object: it holds " + inWords(token) + ", where an object {…} is expected",
                        Option.some(position(parser.currentTokenLocation()))));
            }
            Map<String, Field> first = LinkedHashMap.empty();
            var repeated = List.<Field>empty();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var name = parser.currentName();
                var kind = parser.nextToken();
                var at = position(parser.currentTokenLocation());
                var value = kind == JsonToken.VALUE_STRING ? Option.some(parser.getText()) : Option.<String>none();
                parser.skipChildren();
                if (wanted.contains(name)) {
                    var field = new Field(name, kind, value, at);
                    if (first.containsKey(name)) {
                        repeated = repeated.append(field);
                    } else {
                        first = first.put(name, field);
                    }
                }
            }
            if (parser.nextToken() != null) {
                return Either.left(new Problem(
                        "not JSON: more follows the object's closing brace",
                        Option.some(position(parser.currentTokenLocation()))));
            }
            return Either.right(new Fields(first, repeated));
        } catch (JsonEOFException early) {
            return Either.left(new Problem(
                    "not JSON: the text ends inside a string, an object or an array", at(early.getLocation())));
        } catch (StreamConstraintsException tooMuch) {
            return Either.left(new Problem(
                    "not JSON that a credential file holds: nested too deeply or a value too long",
                    at(tooMuch.getLocation())));
        } catch (JsonProcessingException invalid) {
            return Either.left(new Problem("not JSON: unexpected character", at(invalid.getLocation())));
        } catch (IOException impossible) {
            // a parser over a String does no I/O
            return Either.left(new Problem("not JSON: it could not be parsed", Option.none()));
        }
    }

    private static Option<Position> at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 || location.getColumnNr() < 1
                ? Option.none()
                : Option.some(position(location));
    }

    private static Position position(JsonLocation location) {
        return new Position(location.getLineNr(), location.getColumnNr());
    }

    private static String inWords(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
