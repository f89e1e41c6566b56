package dev.seatwarden.adapters.filesystem;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes a small file all or nothing: a temporary file in the same folder, made with mode 0600,
 * written, flushed to the device, closed, then renamed over the old file in one step. On any failure
 * the temporary file is removed and the old file is as it was. Missing folders are made with mode
 * 0700.
 */
final class AtomicFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Disk disk;
    private final SecureRandom random;

    AtomicFile(Disk disk, SecureRandom random) {
        this.disk = disk;
        this.random = random;
    }

    /** Writes {@code content} to {@code target} (absolute); the left says why not, without naming it. */
    Either<String, Path> write(Path target, byte[] content) {
        var folder = target.getParent();
        var posix = hasPosixPermissions(target);
        try {
            if (!Files.isDirectory(folder)) {
                if (posix) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
                } else {
                    Files.createDirectories(folder);
                }
            }
        } catch (IOException | RuntimeException failure) {
            return Either.left("its folder " + folder + " could not be made: " + Problems.describe(failure));
        }
        var suffix = new byte[8];
        random.nextBytes(suffix);
        var temporary =
                folder.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
        var created = false;
        try {
            var attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            try (var channel = disk.create(temporary, attributes)) {
                created = true;
                if (posix) {
                    // the umask can only have taken bits away; this makes it exactly 0600
                    Files.setPosixFilePermissions(temporary, OWNER_ONLY);
                }
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    disk.write(channel, buffer);
                }
                disk.force(channel);
            }
            disk.replace(temporary, target);
            return Either.right(target);
        } catch (IOException | RuntimeException failure) {
            // only a file this write made: one of the same name that was there before is not ours
            if (created) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException | RuntimeException ignored) {
                    // the first failure is the one to report; the temporary file's name says what it is
                }
            }
            return Either.left(Problems.describe(failure));
        }
    }

    static boolean hasPosixPermissions(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
