package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.adapters.filesystem.JsonFields.Field;
import dev.seatwarden.adapters.filesystem.JsonFields.Problem;
import dev.seatwarden.application.client.ScriptCredential;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.file.Path;

/** {@code credentials.json}: {@code {"token": "swa_…"}}. */
final class ScriptFileFormat implements CredentialFormat<ScriptCredential> {

    @Override
    public String fileName() {
        return "credentials.json";
    }

    @Override
    public String maker(Option<Path> file) {
        return "`seatwarden credentials write"
                + file.map(path -> " --file " + Problems.forShell(path)).getOrElse("") + "`";
    }

    @Override
    public List<String> fieldNames() {
        return List.of("token");
    }

    @Override
    public Validation<Seq<Problem>, ScriptCredential> credential(Map<String, Field> fields) {
        return CredentialFormat.token(fields.get("token"))
                .map(ScriptCredential::new)
                .mapError(List::of);
    }

    @Override
    public List<Tuple2<String, String>> fields(ScriptCredential credential) {
        return List.of(Tuple.of("token", credential.token().reveal()));
    }
}
