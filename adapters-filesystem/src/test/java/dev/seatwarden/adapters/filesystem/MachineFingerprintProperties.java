package dev.seatwarden.adapters.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.strings;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.seatwarden.application.testing.Seeds;
import java.io.IOException;
import java.nio.file.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * For every machine id given in SEATWARDEN_MACHINE_ID: the fingerprint is stable, 64 lower-case hex
 * characters, different for different ids, and never the id nor holds it.
 */
class MachineFingerprintProperties {

    private FileSystem fileSystem;
    private Workspace space;

    @BeforeEach
    void workspace() {
        // in memory: a machine id is never made here, and a thousand adapters cost nothing
        fileSystem = Jimfs.newFileSystem(Configuration.unix());
        space = new Workspace(fileSystem.getPath("/world"));
    }

    @AfterEach
    void close() throws IOException {
        fileSystem.close();
    }

    /** Ids as a person or a CI system sets them: printable ASCII, or any text, without outer white space. */
    private static Gen<String> ids(int minLength) {
        return strings()
                .betweenCodePoints(0x21, 0x7E)
                .ofLengthBetween(minLength, 80)
                .mix(strings().betweenCodePoints(0x21, 0x2FFF).ofLengthBetween(minLength, 40))
                .assuming(id -> id.strip().equals(id) && id.codePointCount(0, id.length()) >= minLength);
    }

    private String fingerprintOf(String id) {
        space.environment.put(FileCredentialAdapters.MACHINE_ID_VARIABLE, id);
        return space.machine().fingerprint().get().value();
    }

    @Test
    void the_fingerprint_is_64_lower_case_hex_characters_and_stable() {
        Seeds.qt().forAll(ids(1)).checkAssert(id -> {
            var fingerprint = fingerprintOf(id);
            assertThat(fingerprint).matches("[0-9a-f]{64}");
            assertThat(fingerprintOf(id)).isEqualTo(fingerprint);
            assertThat(space.adapters().machineIdentity().fingerprint().get().value())
                    .isEqualTo(fingerprint);
        });
    }

    @Test
    void different_ids_have_different_fingerprints() {
        Seeds.qt()
                .forAll(ids(1), ids(1))
                .assuming((one, other) -> !one.equals(other))
                .checkAssert((one, other) -> assertThat(fingerprintOf(one)).isNotEqualTo(fingerprintOf(other)));
    }

    @Test
    void an_id_that_differs_in_one_character_has_another_fingerprint() {
        Seeds.qt()
                .forAll(ids(1), strings().betweenCodePoints(0x21, 0x7E).ofLength(1))
                .assuming((id, character) -> !id.endsWith(character))
                .checkAssert((id, character) -> {
                    var changed = id.substring(0, id.length() - 1) + character;
                    assertThat(fingerprintOf(changed)).isNotEqualTo(fingerprintOf(id));
                });
    }

    @Test
    void the_fingerprint_never_is_nor_holds_the_raw_id() {
        Seeds.qt().forAll(ids(4)).checkAssert(id -> {
            var fingerprint = fingerprintOf(id);
            assertThat(fingerprint).isNotEqualTo(id).doesNotContain(id);
            assertThat(fingerprint).doesNotContainIgnoringCase(id);
        });
    }

    @Test
    void white_space_around_an_id_does_not_change_its_fingerprint() {
        Seeds.qt()
                .forAll(ids(1), strings().betweenCodePoints(0x20, 0x20).ofLengthBetween(0, 3))
                .checkAssert((id, spaces) ->
                        assertThat(fingerprintOf(spaces + id + spaces + "\n")).isEqualTo(fingerprintOf(id)));
    }
}
