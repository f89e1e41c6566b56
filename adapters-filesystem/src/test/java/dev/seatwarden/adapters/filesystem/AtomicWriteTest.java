package dev.seatwarden.adapters.filesystem;

import static dev.seatwarden.adapters.filesystem.Workspace.account;
import static dev.seatwarden.adapters.filesystem.Workspace.accountJson;
import static dev.seatwarden.adapters.filesystem.Workspace.bytes;
import static dev.seatwarden.adapters.filesystem.Workspace.listing;
import static dev.seatwarden.adapters.filesystem.Workspace.put;
import static dev.seatwarden.adapters.filesystem.Workspace.token;
import static dev.seatwarden.adapters.filesystem.Workspace.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.client.ScriptCredential;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write is all or nothing: a temporary file beside the target, mode 0600 from its creation,
 * written, flushed, closed and renamed over the old file; any failure on the way leaves the old file
 * byte for byte and no temporary file behind.
 */
class AtomicWriteTest {

    private static final String OLD = accountJson("old.example.com", token(1).reveal()) + "  \n";

    @TempDir
    Path temp;

    private Workspace space;
    private ScriptedDisk disk;
    private Path folder;
    private Path file;

    @BeforeEach
    void workspace() {
        space = new Workspace(temp);
        disk = new ScriptedDisk();
        space.disk = disk;
        folder = space.work.resolve("creds");
        file = folder.resolve("rpd_account.json");
    }

    private Either<CredentialFault, Path> writeNew() {
        return space.accounts().write(Option.some(file), account("new.example.com", 2));
    }

    private void assertOldFileUntouchedAndNoTemporaryFile(Either<CredentialFault, Path> write, String reason) {
        assertThat(write.isLeft()).as("%s", write).isTrue();
        assertThat(write.getLeft().describe())
                .isEqualTo(file + ": not written: " + reason + "; a file that was there is unchanged")
                .doesNotContain(token(2).reveal());
        assertThat(bytes(file)).isEqualTo(OLD.getBytes(StandardCharsets.UTF_8));
        assertThat(listing(folder)).containsExactly("rpd_account.json");
    }

    @Test
    void the_steps_are_create_write_flush_rename_in_the_same_folder_with_mode_0600_from_the_start() {
        // When a file is written
        var written = written(writeNew());

        // Then a temporary file beside it was made 0600, written, flushed, and renamed over it
        assertThat(written).isEqualTo(file);
        assertThat(disk.created.getParent()).isEqualTo(folder);
        assertThat(disk.created.getFileName().toString())
                .startsWith(".rpd_account.json.")
                .endsWith(".tmp");
        assertThat(disk.permissionsAtCreation).isEqualTo("rw-------");
        assertThat(String.join(" ", disk.steps)).matches("create chmod( write)+ force rename");
        assertThat(listing(folder)).containsExactly("rpd_account.json");
    }

    @Test
    void a_file_system_that_refuses_chmod_as_vfat_does_still_gets_the_file() {
        // Given an old file, and a disk that creates files as asked but refuses to change a mode
        put(file, OLD);
        disk.failAtChmod();

        // When a credential is written
        var written = written(writeNew());

        // Then the chmod was tried, the write went on, and the file holds the new credential
        assertThat(written).isEqualTo(file);
        assertThat(String.join(" ", disk.steps)).matches("create chmod( write)+ force rename");
        assertThat(Workspace.text(file))
                .isEqualTo("{\n  \"host\": \"new.example.com\",\n  \"token\": \"" + token(2).reveal() + "\"\n}\n");
        assertThat(listing(folder)).containsExactly("rpd_account.json");
        // and where the file system has modes, the mode given at creation made it 0600 all the same
        assertThat(disk.permissionsAtCreation).isEqualTo("rw-------");
        assertThat(Workspace.permissions(file)).isEqualTo("rw-------");
    }

    @Test
    void the_file_is_one_object_with_the_fields_in_the_specs_order_and_a_final_newline() {
        written(writeNew());
        var script = written(space.scripts().write(Option.none(), new ScriptCredential(token(3))));

        assertThat(Workspace.text(file))
                .isEqualTo("{\n  \"host\": \"new.example.com\",\n  \"token\": \"" + token(2).reveal() + "\"\n}\n");
        assertThat(Workspace.text(script)).isEqualTo("{\n  \"token\": \"" + token(3).reveal() + "\"\n}\n");
    }

    @Test
    void a_failure_half_way_through_the_bytes_leaves_the_old_file() {
        put(file, OLD);
        disk.failAfter(20);

        assertOldFileUntouchedAndNoTemporaryFile(writeNew(), "No space left on device");
        assertThat(disk.steps).contains("write").doesNotContain("force", "rename");
    }

    @Test
    void a_failure_of_the_flush_leaves_the_old_file() {
        put(file, OLD);
        disk.failAtForce();

        assertOldFileUntouchedAndNoTemporaryFile(writeNew(), "Input/output error");
        assertThat(disk.steps).doesNotContain("rename");
    }

    @Test
    void a_failure_of_the_rename_leaves_the_old_file() {
        put(file, OLD);
        disk.failAtRename();

        assertOldFileUntouchedAndNoTemporaryFile(writeNew(), "Device or resource busy");
    }

    @Test
    void a_refused_creation_leaves_the_old_file() {
        put(file, OLD);
        disk.failAtCreation();

        assertOldFileUntouchedAndNoTemporaryFile(writeNew(), "permission denied");
    }

    @Test
    void a_failed_first_write_leaves_nothing_behind() throws IOException {
        // Given no file yet, in an existing folder
        Files.createDirectories(folder);
        disk.failAfter(30);

        // When the write fails half-way
        var write = writeNew();

        // Then there is no file, and no temporary file
        assertThat(write.isLeft()).isTrue();
        assertThat(listing(folder)).isEmpty();
    }

    @Test
    void a_full_disk_leaves_the_old_file_and_frees_what_was_written() throws IOException {
        // Given a file system of 64-byte blocks, with the old file and a filler leaving one block free
        try (var fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(64)
                .setMaxSize(64 * 40)
                .build())) {
            var world = new Workspace(fileSystem.getPath("/world"));
            var target = world.work.resolve("rpd_account.json");
            put(target, OLD);
            int oldBlocks = (OLD.length() + 63) / 64;
            var filler = put(world.root.resolve("filler"), new byte[64 * (40 - oldBlocks - 1)]);

            // When a credential of more than one block is written
            var write = world.accounts().write(Option.none(), account("new.example.com", 2));

            // Then the write fails, the old file is as it was, and no temporary file is left
            assertThat(write.isLeft()).as("%s", write).isTrue();
            assertThat(write.getLeft().describe()).startsWith(target + ": not written: ");
            assertThat(bytes(target)).isEqualTo(OLD.getBytes(StandardCharsets.UTF_8));
            assertThat(listing(world.work)).containsExactly("rpd_account.json");

            // And once there is room again, the same write succeeds
            Files.delete(filler);
            assertThat(written(world.accounts().write(Option.none(), account("new.example.com", 2))))
                    .isEqualTo(target);
            assertThat(world.accounts().read(Option.none()).get().credential())
                    .isEqualTo(account("new.example.com", 2));
        }
    }

    @Test
    void a_folder_that_cannot_be_made_is_a_fault_naming_it() {
        // Given a regular file where the folder should be (a fault that root meets too)
        put(space.work.resolve("blocked"), "a file, not a folder");
        var target = space.work.resolve("blocked/inner/rpd_account.json");

        // When a file is written below it
        var write = space.accounts().write(Option.some(target), account("new.example.com", 2));

        // Then the fault names the file and the folder
        assertThat(write.getLeft().describe())
                .startsWith(target + ": not written: its folder " + target.getParent() + " could not be made: ");
    }

    @Test
    void a_read_only_folder_leaves_the_old_file() throws Exception {
        // Given a folder with the old file, which nobody may write: by its mode, or for root (whom no
        // mode stops) by the immutable attribute
        put(file, OLD);
        boolean root = space.runningAsRoot();
        if (root) {
            Assumptions.assumeTrue(
                    chattr("+i", folder),
                    "running as root, and `chattr +i` is not available on this file system: no read-only"
                            + " folder can stop root (a_refused_creation_leaves_the_old_file covers it through the disk)");
        } else {
            Workspace.chmod(folder, "r-x------");
        }
        try {
            // When a credential is written there, through the real disk
            space.disk = Disk.SYSTEM;
            var write = writeNew();

            // Then the write is refused and the old file is as it was
            assertThat(write.getLeft().describe())
                    .startsWith(file + ": not written: " + (root ? "Operation not permitted" : "permission denied"));
            assertThat(bytes(file)).isEqualTo(OLD.getBytes(StandardCharsets.UTF_8));
            assertThat(listing(folder)).containsExactly("rpd_account.json");
        } finally {
            if (root) {
                chattr("-i", folder);
            } else {
                Workspace.chmod(folder, "rwx------");
            }
        }
    }

    /** Runs {@code chattr change folder}; whether it worked. */
    private static boolean chattr(String change, Path folder) throws InterruptedException {
        try {
            var process = new ProcessBuilder("chattr", change, folder.toString())
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (java.io.IOException notThere) {
            return false;
        }
    }
}
