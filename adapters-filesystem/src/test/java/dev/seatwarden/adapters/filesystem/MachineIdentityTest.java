package dev.seatwarden.adapters.filesystem;

import static dev.seatwarden.adapters.filesystem.Workspace.listing;
import static dev.seatwarden.adapters.filesystem.Workspace.permissions;
import static dev.seatwarden.adapters.filesystem.Workspace.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Feature;
import com.google.common.jimfs.Jimfs;
import dev.seatwarden.domain.seat.MachineId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine fingerprint: HMAC-SHA256 keyed with "seatwarden" of the machine id, which comes from
 * SEATWARDEN_MACHINE_ID, else /etc/machine-id, else /var/lib/dbus/machine-id, else a random id made
 * once and kept with mode 0600.
 */
class MachineIdentityTest {

    /** A systemd-style machine id. */
    private static final String SYSTEMD_ID = "0123456789abcdef0123456789abcdef";
    /**
     * Its fingerprint, computed independently of this code with
     * {@code python3 -c "import hmac,hashlib;print(hmac.new(b'seatwarden',
     * b'0123456789abcdef0123456789abcdef',hashlib.sha256).hexdigest())"}.
     */
    private static final String SYSTEMD_FINGERPRINT =
            "94fe382201059e7499e07c88d67c3ff1a66aa893ecaf676579fde9a564b26709";
    /** An id as CI might set it. */
    private static final String CI_ID = "ci-runner-42";
    /** Computed the same way, with {@code b'ci-runner-42'}. */
    private static final String CI_FINGERPRINT = "018e5db61ccd36782300f666fdd97de87503850a6b8c3d10cef18acacd527576";
    /** An id kept by a rival process. */
    private static final String RIVAL_ID = "fedcba9876543210fedcba9876543210";

    private static final String RIVAL_FINGERPRINT =
            OperatingSystemMachineIdentity.fingerprintOf(RIVAL_ID).value();
    /** Processes racing to make the kept id. */
    private static final int RACERS = 8;

    @TempDir
    Path temp;

    private Workspace space;

    @BeforeEach
    void workspace() {
        space = new Workspace(temp);
    }

    private String fingerprint() {
        var fingerprint = space.machine().fingerprint();
        assertThat(fingerprint.isRight()).as("%s", fingerprint).isTrue();
        return fingerprint.get().value();
    }

    private Path keptId() {
        return space.home.resolve(".config/seatwarden/machine-id");
    }

    @Test
    void the_fingerprint_of_a_known_id_is_its_independently_computed_HMAC() {
        put(space.etcMachineId, SYSTEMD_ID + "\n");
        assertThat(fingerprint()).isEqualTo(SYSTEMD_FINGERPRINT);

        space.environment.put(FileCredentialAdapters.MACHINE_ID_VARIABLE, CI_ID);
        assertThat(fingerprint()).isEqualTo(CI_FINGERPRINT);
    }

    @Test
    void the_variable_wins_over_the_operating_systems_id() {
        put(space.etcMachineId, SYSTEMD_ID + "\n");
        put(space.dbusMachineId, "another-id\n");
        space.environment.put(FileCredentialAdapters.MACHINE_ID_VARIABLE, CI_ID);

        assertThat(fingerprint()).isEqualTo(CI_FINGERPRINT);
        assertThat(Files.exists(keptId())).isFalse();
    }

    @Test
    void a_blank_variable_counts_as_unset_and_a_set_one_is_trimmed() {
        put(space.etcMachineId, SYSTEMD_ID + "\n");
        space.environment.put(FileCredentialAdapters.MACHINE_ID_VARIABLE, " \t ");
        assertThat(fingerprint()).isEqualTo(SYSTEMD_FINGERPRINT);

        space.environment.put(FileCredentialAdapters.MACHINE_ID_VARIABLE, "  " + CI_ID + "\n");
        assertThat(fingerprint()).isEqualTo(CI_FINGERPRINT);
    }

    @Test
    void etc_machine_id_wins_over_the_dbus_one_which_is_used_when_it_is_missing_or_empty() throws IOException {
        // Given both: /etc/machine-id, trimmed
        put(space.etcMachineId, "  " + SYSTEMD_ID + " \n\n");
        put(space.dbusMachineId, CI_ID + "\n");
        assertThat(fingerprint()).isEqualTo(SYSTEMD_FINGERPRINT);

        // Given an empty /etc/machine-id (as in some container images): the dbus one
        put(space.etcMachineId, "\n");
        assertThat(fingerprint()).isEqualTo(CI_FINGERPRINT);

        // Given no /etc/machine-id at all: the dbus one
        Files.delete(space.etcMachineId);
        assertThat(fingerprint()).isEqualTo(CI_FINGERPRINT);
        assertThat(Files.exists(keptId())).isFalse();
    }

    @Test
    void without_any_id_one_is_made_once_kept_with_mode_0600_and_used_from_then_on() {
        // Given no variable and no operating system id
        // When the fingerprint is asked for
        var first = fingerprint();

        // Then a random id of 32 hex characters was kept in the config folder, mode 0600, folder 0700
        var kept = Workspace.text(keptId());
        assertThat(kept).matches("[0-9a-f]{32}\n");
        assertThat(permissions(keptId())).isEqualTo("rw-------");
        assertThat(permissions(keptId().getParent())).isEqualTo("rwx------");
        assertThat(first)
                .isEqualTo(OperatingSystemMachineIdentity.fingerprintOf(kept).value());

        // And the next call, and another process (new adapters), give the same fingerprint
        assertThat(fingerprint()).isEqualTo(first);
        assertThat(space.adapters().machineIdentity().fingerprint().get().value())
                .isEqualTo(first);
        assertThat(Workspace.text(keptId())).isEqualTo(kept);
    }

    @Test
    void another_workspace_makes_another_id() {
        var first = fingerprint();
        space = new Workspace(temp.resolve("elsewhere"));

        assertThat(fingerprint()).isNotEqualTo(first);
    }

    @Test
    void a_kept_id_is_used_as_it_is_and_an_operating_system_id_wins_over_it() {
        // Given an id kept by an earlier run
        put(keptId(), CI_ID + "\n");
        assertThat(fingerprint()).isEqualTo(CI_FINGERPRINT);

        // Given the operating system has one after all
        put(space.dbusMachineId, SYSTEMD_ID);
        assertThat(fingerprint()).isEqualTo(SYSTEMD_FINGERPRINT);
    }

    @Test
    void an_empty_kept_id_is_made_anew() {
        put(keptId(), " \n");

        var fingerprint = fingerprint();

        assertThat(Workspace.text(keptId())).matches("[0-9a-f]{32}\n");
        assertThat(fingerprint)
                .isEqualTo(OperatingSystemMachineIdentity.fingerprintOf(Workspace.text(keptId()))
                        .value());
    }

    @Test
    void without_any_id_and_no_way_to_keep_one_the_reason_is_given() {
        // Given a disk that refuses to make the file
        space.disk = new ScriptedDisk().failAtCreation();

        // When the fingerprint is asked for
        var fingerprint = space.machine().fingerprint();

        // Then the left says which ids were missing, what could not be made and why, and what to set
        assertThat(fingerprint.getLeft())
                .isEqualTo("no machine id (setting SEATWARDEN_MACHINE_ID gives one): it is not set, "
                        + space.etcMachineId + " and " + space.dbusMachineId + " are missing, empty or unreadable, and "
                        + keptId() + " could not be made: permission denied");
        assertThat(Files.exists(keptId())).isFalse();
    }

    @Test
    void a_kept_id_behind_a_regular_file_is_a_reason_too() {
        // Given a regular file where the config folder should be
        put(space.home.resolve(".config"), "not a folder");

        // Then there is no fingerprint, and the reason names the path
        assertThat(space.machine().fingerprint().getLeft())
                .startsWith("no machine id (setting SEATWARDEN_MACHINE_ID gives one): ")
                .contains("; " + keptId() + " is unreadable: ");
        assertThat(Workspace.text(space.home.resolve(".config"))).isEqualTo("not a folder");
    }

    @Test
    void a_kept_id_that_cannot_be_read_is_not_replaced() throws IOException {
        // Given a folder where the kept id should be
        Files.createDirectories(keptId());

        // Then there is no fingerprint, and the folder stays
        assertThat(space.machine().fingerprint().getLeft())
                .endsWith("; " + keptId() + " is not a regular file: it is a folder");
        assertThat(Files.isDirectory(keptId())).isTrue();
    }

    @Test
    void a_rival_process_that_keeps_its_id_first_wins_and_its_id_is_used() {
        // Given another process that keeps its id just before this one would
        var disk = new ScriptedDisk().beforePublishing(() -> put(keptId(), RIVAL_ID + "\n"));
        space.disk = disk;

        // When the fingerprint is asked for
        var fingerprint = fingerprint();

        // Then the rival's id stays and is the one used, and no temporary file is left
        assertThat(fingerprint).isEqualTo(RIVAL_FINGERPRINT);
        assertThat(Workspace.text(keptId())).isEqualTo(RIVAL_ID + "\n");
        assertThat(listing(keptId().getParent())).containsExactly("machine-id");
        // the new id was published by a hard link, which never replaces a file
        assertThat(disk.steps).contains("link").doesNotContain("rename", "move");
    }

    @Test
    void without_hard_links_the_id_is_moved_into_place_and_a_rival_still_wins() {
        // Given a file system that refuses hard links, as vfat does: the id is moved into place
        var disk = new ScriptedDisk().withoutHardLinks();
        space.disk = disk;
        var made = fingerprint();
        assertThat(disk.steps).containsSequence("link", "move");
        assertThat(made)
                .isEqualTo(OperatingSystemMachineIdentity.fingerprintOf(Workspace.text(keptId()))
                        .value());
        assertThat(listing(keptId().getParent())).containsExactly("machine-id");

        // Given a rival that keeps its id first, in another world
        space = new Workspace(temp.resolve("elsewhere"));
        space.disk = new ScriptedDisk().withoutHardLinks().beforePublishing(() -> put(keptId(), RIVAL_ID + "\n"));

        // Then its id is used, and stays
        assertThat(fingerprint()).isEqualTo(RIVAL_FINGERPRINT);
        assertThat(Workspace.text(keptId())).isEqualTo(RIVAL_ID + "\n");
        assertThat(listing(keptId().getParent())).containsExactly("machine-id");
    }

    @Test
    void on_a_file_system_that_has_no_hard_links_at_all_a_rival_still_wins() throws IOException {
        // Given a file system where a hard link is an unsupported operation
        try (var fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix")
                .setSupportedFeatures(Feature.SYMBOLIC_LINKS, Feature.FILE_CHANNEL)
                .build())) {
            space = new Workspace(fileSystem.getPath("/world"));
            var disk = new ScriptedDisk();
            space.disk = disk;

            // When an id is made: the link was refused, the id was moved into place, mode 0600
            var made = fingerprint();
            assertThat(disk.steps).containsSequence("link", "move");
            assertThat(made)
                    .isEqualTo(OperatingSystemMachineIdentity.fingerprintOf(Workspace.text(keptId()))
                            .value());
            assertThat(permissions(keptId())).isEqualTo("rw-------");
            assertThat(listing(keptId().getParent())).containsExactly("machine-id");

            // When a rival keeps its id first: the rival's is used
            space = new Workspace(fileSystem.getPath("/elsewhere"));
            space.disk = new ScriptedDisk().beforePublishing(() -> put(keptId(), RIVAL_ID + "\n"));
            assertThat(fingerprint()).isEqualTo(RIVAL_FINGERPRINT);
            assertThat(Workspace.text(keptId())).isEqualTo(RIVAL_ID + "\n");
            assertThat(listing(keptId().getParent())).containsExactly("machine-id");
        }
    }

    @Test
    void processes_that_make_the_id_at_the_same_moment_all_end_with_one_id() throws Exception {
        var pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < 50; round++) {
                // Given a fresh world with no id, and several processes that ask for the fingerprint at once
                var world = new Workspace(temp.resolve("round-" + round));
                var start = new CyclicBarrier(RACERS);
                var answers = new ArrayList<Future<String>>();
                for (int racer = 0; racer < RACERS; racer++) {
                    var identity = world.machine();
                    answers.add(pool.submit(() -> {
                        start.await();
                        return identity.fingerprint().fold(reason -> "refused: " + reason, MachineId::value);
                    }));
                }
                var fingerprints = new HashSet<String>();
                for (var answer : answers) {
                    fingerprints.add(answer.get());
                }

                // Then they all have the same fingerprint: that of the one id kept
                var kept = world.home.resolve(".config/seatwarden/machine-id");
                assertThat(fingerprints)
                        .as("round %d", round)
                        .containsExactly(OperatingSystemMachineIdentity.fingerprintOf(Workspace.text(kept))
                                .value());
                assertThat(listing(kept.getParent())).as("round %d", round).containsExactly("machine-id");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_kept_id_behind_a_dangling_link_is_made_where_the_link_leads() throws IOException {
        // Given the kept id's place is a link into a dotfiles folder, to a file not there yet
        var file = space.root.resolve("dotfiles/machine-id");
        Files.createDirectories(keptId().getParent());
        Files.createSymbolicLink(keptId(), file);

        // When the fingerprint is asked for
        var fingerprint = fingerprint();

        // Then the link stays, the id is made where it leads, mode 0600, and it is used from then on
        assertThat(Files.isSymbolicLink(keptId())).isTrue();
        assertThat(Files.readSymbolicLink(keptId())).isEqualTo(file);
        assertThat(Workspace.text(file)).matches("[0-9a-f]{32}\n");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(fingerprint)
                .isEqualTo(OperatingSystemMachineIdentity.fingerprintOf(Workspace.text(file))
                        .value());
        assertThat(fingerprint()).isEqualTo(fingerprint);
        assertThat(listing(file.getParent())).containsExactly("machine-id");
    }

    @Test
    void the_fingerprint_is_a_valid_machine_id_of_64_lower_case_hex_characters() {
        put(space.etcMachineId, SYSTEMD_ID);

        assertThat(MachineId.parse(fingerprint())).isNotEmpty();
        assertThat(fingerprint()).matches("[0-9a-f]{64}");
    }
}
