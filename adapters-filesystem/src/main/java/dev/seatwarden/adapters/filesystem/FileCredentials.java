package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.adapters.filesystem.JsonFields.Problem;
import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.port.out.CredentialFiles;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A credential file of one format on the file system. Read: {@code --file}, else the first file
 * found along the lookup order; every fault at once, each naming the file by its full path; a file
 * that group or others may read is used with a warning, as ssh warns. Written atomically with mode
 * 0600: to {@code --file}, else to the file that the environment variable names, else to the first
 * file that exists along the lookup order (so that the next read finds what was written), else to
 * the last place of the lookup order.
 */
final class FileCredentials<C> implements CredentialFiles<C> {

    /** A credential file is a few hundred bytes; anything beyond this is the wrong file. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /** A place along the lookup order, and how a message names where it came from. */
    record Place(Path file, Option<String> origin) {

        @Override
        public String toString() {
            return file + origin.map(name -> " (from " + name + ")").getOrElse("");
        }
    }

    private final CredentialFormat<C> format;
    private final Path workingDirectory;
    private final Option<Place> fromEnvironment;
    private final List<Path> usualPlaces;
    private final AtomicFile writer;

    /**
     * @param fromEnvironment the file that the environment variable names, if it is set
     * @param usualPlaces the places looked at after it, in order; the last is where a first write goes
     */
    FileCredentials(
            CredentialFormat<C> format,
            Path workingDirectory,
            Option<Place> fromEnvironment,
            List<Path> usualPlaces,
            AtomicFile writer) {
        if (usualPlaces.isEmpty()) {
            throw new IllegalArgumentException("a credential file needs at least one usual place");
        }
        this.format = format;
        this.workingDirectory = workingDirectory;
        this.fromEnvironment = fromEnvironment;
        this.usualPlaces = usualPlaces;
        this.writer = writer;
    }

    @Override
    public Validation<Seq<CredentialFault>, Found<C>> read(Option<Path> explicit) {
        if (explicit.isDefined()) {
            var file = Problems.absolute(workingDirectory, explicit.get());
            return readFile(file, format.maker(Option.some(file)));
        }
        var places = lookup();
        return places.find(place -> Files.exists(place.file()))
                .map(place -> readFile(place.file(), format.maker(Option.none())))
                .getOrElse(() -> Validation.invalid(List.of(CredentialFault.of(
                        defaultTarget().toString(),
                        "missing: no " + format.fileName() + " at any place looked at (in order: "
                                + places.mkString(", ") + "); " + format.maker(Option.none()) + " makes it"))));
    }

    @Override
    public Either<CredentialFault, Path> write(Option<Path> explicit, C credential) {
        var target = explicit.map(file -> Problems.absolute(workingDirectory, file))
                .orElse(() -> fromEnvironment.map(Place::file))
                .orElse(() -> usualPlaces.find(Files::exists))
                .getOrElse(this::defaultTarget);
        return writer.write(target, format.render(credential))
                .mapLeft(reason -> CredentialFault.of(
                        target.toString(), "not written: " + reason + "; a file that was there is unchanged"));
    }

    /** Where the lookup order looks, in order. */
    List<Place> lookup() {
        return fromEnvironment.toList().appendAll(usualPlaces.map(file -> new Place(file, Option.none())));
    }

    private Path defaultTarget() {
        return fromEnvironment.map(Place::file).getOrElse(usualPlaces.last());
    }

    private Validation<Seq<CredentialFault>, Found<C>> readFile(Path file, String maker) {
        var source = file.toString();
        var text = SmallFile.text(file, MAX_BYTES);
        if (text.isLeft()) {
            var failure = text.getLeft();
            return invalid(
                    failure.missing()
                            ? CredentialFault.of(source, "missing; " + maker + " makes it")
                            : new CredentialFault(source, failure.at(), failure.problem()));
        }
        var fields = JsonFields.read(withoutByteOrderMark(text.get()), HashSet.ofAll(format.fieldNames()));
        if (fields.isLeft()) {
            return invalid(fault(source, fields.getLeft()));
        }
        var repeated = fields.get()
                .repeated()
                .map(field -> new Problem(
                        "\"" + field.name() + "\" appears more than once (first at line "
                                + fields.get()
                                        .first()
                                        .get(field.name())
                                        .get()
                                        .at()
                                        .line() + ", column "
                                + fields.get()
                                        .first()
                                        .get(field.name())
                                        .get()
                                        .at()
                                        .column()
                                + "); a file holds each field once",
                        Option.some(field.at())));
        var credential = format.credential(fields.get().first());
        var problems = repeated.appendAll(credential.fold(faults -> faults, valid -> List.empty()));
        if (!problems.isEmpty()) {
            return Validation.invalid(problems.map(problem -> fault(source, problem)));
        }
        return Validation.valid(new Found<>(file, credential.get(), warnings(file)));
    }

    private static Seq<String> warnings(Path file) {
        if (!AtomicFile.hasPosixPermissions(file)) {
            return List.empty();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | RuntimeException unknown) {
            return List.empty();
        }
        if (permissions.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
            return List.empty();
        }
        return List.of(file + ": group or others may read or change this file, which holds a token (mode "
                + mode(permissions) + "); `chmod 600 " + Problems.forShell(file) + "` keeps it to you");
    }

    /** The permissions as ls and chmod write them in octal: {@code 0644}. */
    static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (var permission : permissions) {
            // OWNER_READ is 0400, OWNER_WRITE 0200, … OTHERS_EXECUTE 0001, in the enum's order
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static CredentialFault fault(String source, Problem problem) {
        return new CredentialFault(source, problem.at(), problem.problem());
    }

    private Validation<Seq<CredentialFault>, Found<C>> invalid(CredentialFault fault) {
        return Validation.invalid(List.of(fault));
    }
}
