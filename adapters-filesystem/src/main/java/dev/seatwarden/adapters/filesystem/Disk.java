package dev.seatwarden.adapters.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The few low-level operations of an atomic write, one at a time, so that a test can make any of
 * them fail half-way (a full disk after some bytes, a failing flush, a refused rename, a file
 * system that knows no modes or no hard links).
 */
interface Disk {

    /** Creates {@code file}, which must not exist yet, for writing, with {@code attributes} from the start. */
    FileChannel create(Path file, FileAttribute<?>... attributes) throws IOException;

    /** Sets the POSIX permissions of {@code file}, as chmod does. */
    void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException;

    /** Writes some of {@code bytes} (at least one unless it throws), as {@link FileChannel#write} does. */
    int write(FileChannel channel, ByteBuffer bytes) throws IOException;

    /** Flushes the file's content and metadata to the device. */
    void force(FileChannel channel) throws IOException;

    /** Renames {@code source} over {@code target} in one step. */
    void replace(Path source, Path target) throws IOException;

    /**
     * Gives the file {@code existing} the further name {@code link} (a hard link), in one step that
     * fails with {@link java.nio.file.FileAlreadyExistsException} if {@code link} is already there.
     */
    void link(Path link, Path existing) throws IOException;

    /** Renames {@code source} to {@code target}, failing if {@code target} is already there. */
    void moveNew(Path source, Path target) throws IOException;

    /** The real thing. */
    Disk SYSTEM = new Disk() {
        @Override
        public FileChannel create(Path file, FileAttribute<?>... attributes) throws IOException {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes);
        }

        @Override
        public void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
            Files.setPosixFilePermissions(file, permissions);
        }

        @Override
        public int write(FileChannel channel, ByteBuffer bytes) throws IOException {
            return channel.write(bytes);
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            channel.force(true);
        }

        @Override
        public void replace(Path source, Path target) throws IOException {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void link(Path link, Path existing) throws IOException {
            Files.createLink(link, existing);
        }

        @Override
        public void moveNew(Path source, Path target) throws IOException {
            Files.move(source, target);
        }
    };
}
