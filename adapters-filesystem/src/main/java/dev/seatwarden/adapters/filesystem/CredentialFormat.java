package dev.seatwarden.adapters.filesystem;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.seatwarden.adapters.filesystem.JsonFields.Field;
import dev.seatwarden.adapters.filesystem.JsonFields.Problem;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One credential file's format: its name, the command that makes it, its fields in the order they
 * are written, and how a credential is built from them with every fault at once.
 */
interface CredentialFormat<C> {

    /** {@code rpd_account.json} */
    String fileName();

    /** The command that makes the file ({@code file} if it was given with {@code --file}). */
    String maker(Option<Path> file);

    /** The fields, in the order they are written. */
    List<String> fieldNames();

    /** The credential of the file's fields (the first value of each), or every fault of them. */
    Validation<Seq<Problem>, C> credential(Map<String, Field> fields);

    /** The fields of {@code credential}, in order: names and string values. */
    List<Tuple2<String, String>> fields(C credential);

    /** The file's content for {@code credential}: one object, a field a line, a newline at the end. */
    default byte[] render(C credential) {
        var encoder = JsonStringEncoder.getInstance();
        var lines = fields(credential)
                .map(field -> "  \"" + new String(encoder.quoteAsString(field._1)) + "\": \""
                        + new String(encoder.quoteAsString(field._2)) + "\"");
        return ("{\n" + lines.mkString(",\n") + "\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code token} field as a secret (R6), or why not, in words that never repeat it. */
    static Validation<Problem, Secret> token(Option<Field> field) {
        return string("token", field, "it holds the token").flatMap(value -> {
            if (value.text().get().isEmpty()) {
                return Validation.invalid(new Problem("\"token\" is empty", Option.some(value.at())));
            }
            return SecretFormat.parse(value.text().get())
                    .<Problem>mapLeft(malformed -> new Problem(
                            "\"token\" is not a Seatwarden token: "
                                    + SecretFormat.diagnose(value.text().get()).getOrElse("it fails the format check"),
                            Option.some(value.at())))
                    .toValidation();
        });
    }

    /** A field that must be there and hold a string. */
    static Validation<Problem, Field> string(String name, Option<Field> field, String purpose) {
        if (field.isEmpty()) {
            return Validation.invalid(new Problem("no \"" + name + "\" field; " + purpose, Option.none()));
        }
        var value = field.get();
        if (value.kind() != JsonToken.VALUE_STRING) {
            return Validation.invalid(new Problem(
                    "\"" + name + "\" is " + value.kindInWords() + ", where a string is expected",
                    Option.some(value.at())));
        }
        return Validation.valid(value);
    }
}
