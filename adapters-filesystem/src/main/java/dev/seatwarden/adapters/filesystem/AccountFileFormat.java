package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.adapters.filesystem.JsonFields.Field;
import dev.seatwarden.adapters.filesystem.JsonFields.Problem;
import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.ServerAddress;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.file.Path;

/** {@code rpd_account.json}: {@code {"host": "api.example.com", "token": "swa_…"}}. */
final class AccountFileFormat implements CredentialFormat<AccountCredential> {

    @Override
    public String fileName() {
        return "rpd_account.json";
    }

    @Override
    public String maker(Option<Path> file) {
        return "`seatwarden login --host HOST"
                + file.map(path -> " --file " + Problems.forShell(path)).getOrElse("") + "`";
    }

    @Override
    public List<String> fieldNames() {
        return List.of("host", "token");
    }

    @Override
    public Validation<Seq<Problem>, AccountCredential> credential(Map<String, Field> fields) {
        return Validation.combine(host(fields.get("host")), CredentialFormat.token(fields.get("token")))
                .ap(AccountCredential::new);
    }

    private static Validation<Problem, ServerAddress> host(Option<Field> field) {
        return CredentialFormat.string("host", field, "it names the server, such as \"api.example.com\"")
                .flatMap(value -> ServerAddress.parse(value.text().get())
                        .<Problem>mapLeft(reason ->
                                new Problem("\"host\" is not a server address: " + reason, Option.some(value.at())))
                        .toValidation());
    }

    @Override
    public List<Tuple2<String, String>> fields(AccountCredential credential) {
        return List.of(
                Tuple.of("host", credential.host().written()),
                Tuple.of("token", credential.token().reveal()));
    }
}
