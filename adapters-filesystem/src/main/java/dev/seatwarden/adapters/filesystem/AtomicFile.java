package dev.seatwarden.adapters.filesystem;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
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
 * written, flushed to the device, closed, then put in place in one step. On any failure the
 * temporary file is removed and the old file is as it was. Missing folders are made with mode 0700.
 *
 * <p>A target that is a symbolic link (a credential file kept in a dotfiles folder) is written where
 * the chain of links ends, with the temporary file beside that file: the links stay as they were.
 * Mode 0600 is given at creation and then set exactly where the file system has modes; a file
 * system that refuses the chmod (vfat) still gets the file.
 */
final class AtomicFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** The most symbolic links followed from a target, as Linux follows at most 40. */
    static final int MAX_LINKS = 40;

    private final Disk disk;
    private final SecureRandom random;

    AtomicFile(Disk disk, SecureRandom random) {
        this.disk = disk;
        this.random = random;
    }

    /** How the written temporary file is put in place of the target. */
    @FunctionalInterface
    private interface Publishing {
        void publish(Path temporary, Path target) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} (absolute), replacing what is there; the right is
     * {@code target} as given, the left says why not, without naming it.
     */
    Either<String, Path> write(Path target, byte[] content) {
        return write(target, content, disk::replace);
    }

    /**
     * Writes {@code content} to {@code target} (absolute) unless a file is already there, which is then
     * left as it is (another process was first): the right is {@code target} as given either way, and
     * what it holds is what to use. The left says why neither, without naming it.
     */
    Either<String, Path> writeNew(Path target, byte[] content) {
        return write(target, content, this::publishNew);
    }

    private Either<String, Path> write(Path target, byte[] content, Publishing publishing) {
        return endOfLinks(target)
                .flatMap(file -> writeFile(file, content, publishing))
                .map(file -> target);
    }

    /**
     * Where the chain of symbolic links from {@code target} ends: {@code target} itself if it is no
     * link; a link's relative target is taken from the link's folder; a dangling link ends at the
     * path it names.
     */
    static Either<String, Path> endOfLinks(Path target) {
        var path = target;
        for (int links = 0; links <= MAX_LINKS; links++) {
            if (!Files.isSymbolicLink(path)) {
                return Either.right(path);
            }
            try {
                // an absolute link target replaces the folder; ".." stays, for the system to follow
                path = path.resolveSibling(Files.readSymbolicLink(path));
            } catch (IOException | RuntimeException failure) {
                return Either.left("the symbolic link " + path + " could not be read: " + Problems.describe(failure));
            }
        }
        return Either.left("a loop of symbolic links, or a chain of more than " + MAX_LINKS);
    }

    private Either<String, Path> writeFile(Path target, byte[] content, Publishing publishing) {
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
                    restrictToOwner(temporary);
                }
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    disk.write(channel, buffer);
                }
                disk.force(channel);
            }
            publishing.publish(temporary, target);
            return Either.right(target);
        } catch (IOException | RuntimeException failure) {
            // only a file this write made: one of the same name that was there before is not ours
            if (created) {
                deleteQuietly(temporary);
            }
            return Either.left(Problems.describe(failure));
        }
    }

    /**
     * Makes the mode exactly 0600 (the umask can only have taken bits away from the mode given at
     * creation). Best effort: a file system that claims POSIX permissions but has none (vfat) refuses
     * it, and the file is written all the same, as the spec asks for 0600 only where there are modes.
     */
    private void restrictToOwner(Path temporary) {
        try {
            disk.setPermissions(temporary, OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException noModes) {
            // the mode given at creation is all there is
        }
    }

    /**
     * Puts {@code temporary} in place as {@code target} unless a file is there already: a hard link,
     * which fails in one step if the name is taken; where the file system has no hard links, a move
     * that does not replace. Either way a file that was there first stays.
     */
    private void publishNew(Path temporary, Path target) throws IOException {
        try {
            disk.link(target, temporary);
        } catch (FileAlreadyExistsException first) {
            // another process was first: its file stays
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            try {
                disk.moveNew(temporary, target);
            } catch (FileAlreadyExistsException first) {
                // another process was first: its file stays
            }
        } finally {
            // after a link, the temporary name is a second name of the target (or of nothing to keep)
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException | RuntimeException ignored) {
            // the first failure is the one to report; the temporary file's name says what it is
        }
    }

    static boolean hasPosixPermissions(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
