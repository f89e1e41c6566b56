package dev.seatwarden.adapters.filesystem;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Failures of the file system in words for a message, and paths as messages show them. */
final class Problems {

    private Problems() {}

    /**
     * Why an operation failed, without the exception's message where that names a path of ours (a
     * temporary file) rather than the reason.
     */
    static String describe(Exception failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (failure instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "something else is already there";
        }
        if (failure instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null
                    ? fileSystem.getReason()
                    : "a file system error (" + failure.getClass().getSimpleName() + ")";
        }
        return failure.getMessage() != null && !failure.getMessage().isBlank()
                ? failure.getMessage()
                : "an error (" + failure.getClass().getSimpleName() + ")";
    }

    /**
     * {@code path} as a POSIX shell takes it in a command to copy: as it is if it holds only safe
     * characters, else in single quotes.
     */
    static String forShell(Path path) {
        var text = path.toString();
        return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * {@code path} made absolute against {@code workingDirectory}, on its file system, without
     * {@code .} segments. {@code ..} stays: dropping it with the segment before would be wrong where
     * that segment is a symbolic link.
     */
    static Path absolute(Path workingDirectory, Path path) {
        var own = path.getFileSystem().equals(workingDirectory.getFileSystem())
                ? path
                : workingDirectory.getFileSystem().getPath(path.toString());
        var resolved = workingDirectory.resolve(own).toAbsolutePath();
        var tidy = resolved.getRoot();
        for (var name : resolved) {
            if (!name.toString().equals(".")) {
                tidy = tidy == null ? name : tidy.resolve(name);
            }
        }
        return tidy == null ? resolved : tidy;
    }
}
