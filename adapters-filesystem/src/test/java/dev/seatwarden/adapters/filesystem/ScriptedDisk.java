package dev.seatwarden.adapters.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The real disk, recording each step of a write, which can be told to fail at one of them: at
 * creation, at the chmod (as on vfat), after some bytes, at the flush, at the rename, at a hard link
 * (as on a file system without them); and which can let a rival process act just before the new
 * file is put in place.
 */
final class ScriptedDisk implements Disk {

    final List<String> steps = new ArrayList<>();
    Path created;
    String permissionsAtCreation;
    private long bytesBeforeFailure = Long.MAX_VALUE;
    private long written;
    private boolean failAtCreation;
    private boolean failAtForce;
    private boolean failAtRename;
    private boolean failAtChmod;
    private boolean withoutHardLinks;
    private Runnable beforePublishing = () -> {};

    ScriptedDisk failAtCreation() {
        failAtCreation = true;
        return this;
    }

    ScriptedDisk failAfter(long bytes) {
        bytesBeforeFailure = bytes;
        return this;
    }

    ScriptedDisk failAtForce() {
        failAtForce = true;
        return this;
    }

    ScriptedDisk failAtRename() {
        failAtRename = true;
        return this;
    }

    /** Refuses every chmod as vfat does (EPERM), while creating files as asked. */
    ScriptedDisk failAtChmod() {
        failAtChmod = true;
        return this;
    }

    /** Refuses every hard link as vfat does (EPERM). */
    ScriptedDisk withoutHardLinks() {
        withoutHardLinks = true;
        return this;
    }

    /** Runs {@code rival} just before the new file is put in place (by a rename, a link or a move). */
    ScriptedDisk beforePublishing(Runnable rival) {
        beforePublishing = rival;
        return this;
    }

    @Override
    public FileChannel create(Path file, FileAttribute<?>... attributes) throws IOException {
        steps.add("create");
        if (failAtCreation) {
            throw new AccessDeniedException(file.toString());
        }
        var channel = SYSTEM.create(file, attributes);
        created = file;
        if (AtomicFile.hasPosixPermissions(file)) {
            permissionsAtCreation = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        }
        return channel;
    }

    @Override
    public void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        steps.add("chmod");
        if (failAtChmod) {
            throw new FileSystemException(file.toString(), null, "Operation not permitted");
        }
        SYSTEM.setPermissions(file, permissions);
    }

    @Override
    public int write(FileChannel channel, ByteBuffer bytes) throws IOException {
        steps.add("write");
        long allowed = bytesBeforeFailure - written;
        if (allowed <= 0) {
            throw new IOException("No space left on device");
        }
        // at most a few bytes at a time, so that a failure can come half-way
        var part = bytes.slice();
        part.limit((int) Math.min(Math.min(part.remaining(), allowed), 7));
        int count = SYSTEM.write(channel, part);
        bytes.position(bytes.position() + count);
        written += count;
        return count;
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        steps.add("force");
        if (failAtForce) {
            throw new IOException("Input/output error");
        }
        SYSTEM.force(channel);
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        steps.add("rename");
        beforePublishing.run();
        if (failAtRename) {
            throw new FileSystemException(source.toString(), target.toString(), "Device or resource busy");
        }
        SYSTEM.replace(source, target);
    }

    @Override
    public void link(Path link, Path existing) throws IOException {
        steps.add("link");
        beforePublishing.run();
        if (withoutHardLinks) {
            throw new FileSystemException(existing.toString(), link.toString(), "Operation not permitted");
        }
        SYSTEM.link(link, existing);
    }

    @Override
    public void moveNew(Path source, Path target) throws IOException {
        steps.add("move");
        SYSTEM.moveNew(source, target);
    }
}
