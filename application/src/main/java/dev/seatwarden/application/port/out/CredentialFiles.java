package dev.seatwarden.application.port.out;

import dev.seatwarden.application.client.CredentialFault;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.file.Path;

/**
 * A client's credential file of one format ({@code rpd_account.json} or {@code credentials.json}):
 * found along its lookup order, read with every fault reported at once, written atomically.
 *
 * @param <C> what the file holds
 */
public interface CredentialFiles<C> {

    /**
     * Reads {@code explicit} if given, else the first file found along the lookup order; every
     * fault of the file at once, each naming the file by its full path.
     */
    Validation<Seq<CredentialFault>, Found<C>> read(Option<Path> explicit);

    /**
     * Writes {@code credential} to {@code explicit} if given, else where {@link #read} would look
     * first; all or nothing: a failed write leaves the old file as it was. The right is the file's
     * full path.
     */
    Either<CredentialFault, Path> write(Option<Path> explicit, C credential);

    /**
     * A credential read from a file.
     *
     * @param file its full path
     * @param warnings what the reader should hear about it (such as a file others can read)
     */
    record Found<C>(Path file, C credential, Seq<String> warnings) {}
}
