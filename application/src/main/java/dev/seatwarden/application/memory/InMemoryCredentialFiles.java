package dev.seatwarden.application.memory;

import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.port.out.CredentialFiles;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@link CredentialFiles} in memory: files are entries under their absolute path, the lookup order
 * is one usual place, and nothing survives the process. Thread-safe.
 *
 * @param <C> what a file holds
 */
public final class InMemoryCredentialFiles<C> implements CredentialFiles<C> {

    private final Path usualPlace;
    private final String maker;
    private volatile Map<Path, C> files = HashMap.empty();

    /**
     * @param usualPlace where a read without {@code --file} looks and a write without it writes
     * @param maker the command that makes the file, for the fault of a missing one
     */
    public InMemoryCredentialFiles(Path usualPlace, String maker) {
        this.usualPlace = Objects.requireNonNull(usualPlace, "usualPlace").toAbsolutePath();
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    @Override
    public Validation<Seq<CredentialFault>, Found<C>> read(Option<Path> explicit) {
        var file = place(explicit);
        return files.get(file)
                .<Validation<Seq<CredentialFault>, Found<C>>>map(
                        credential -> Validation.valid(new Found<>(file, credential, List.empty())))
                .getOrElse(() -> Validation.invalid(
                        List.of(CredentialFault.of(file.toString(), "missing; " + maker + " makes it"))));
    }

    @Override
    public synchronized Either<CredentialFault, Path> write(Option<Path> explicit, C credential) {
        Objects.requireNonNull(credential, "credential");
        var file = place(explicit);
        files = files.put(file, credential);
        return Either.right(file);
    }

    private Path place(Option<Path> explicit) {
        return explicit.map(Path::toAbsolutePath).getOrElse(usualPlace);
    }
}
