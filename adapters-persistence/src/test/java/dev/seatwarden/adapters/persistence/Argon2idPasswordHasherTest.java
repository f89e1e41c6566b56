package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** Argon2id password hashes in PHC form: what they are, what matches them, what never throws. */
class Argon2idPasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";

    /** Small parameters, so that the tests run fast: 64 KiB, one pass, one lane. */
    private final Argon2idPasswordHasher fast = new Argon2idPasswordHasher(new SecureRandom(), 64, 1, 1);

    @Test
    void bouncy_castle_reproduces_the_rfc_9106_argon2id_test_vector() {
        // Given RFC 9106 section 5.3's inputs (the hasher itself uses neither secret nor associated
        // data, so the vector is checked on the library it builds on)
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32)
                .withIterations(3)
                .withParallelism(4)
                .withSalt(filled(16, 0x02))
                .withSecret(filled(8, 0x03))
                .withAdditional(filled(12, 0x04))
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        var tag = new byte[32];

        // When the tag is computed
        generator.generateBytes(filled(32, 0x01), tag);

        // Then it is the RFC's
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void a_hash_is_argon2id_of_the_utf8_password_and_its_salt_with_the_hashers_parameters() {
        // Given a hasher with OWASP's parameters whose random source gives a known salt
        var salt = filled(16, 0x5a);
        var hasher = new Argon2idPasswordHasher(fixedRandom(salt));

        // When a password with characters beyond ASCII is hashed
        var password = "pässwörd-🔑-渲染";
        var hash = hasher.hash(password).encoded();

        // Then it is a PHC string naming the parameters, the salt and the Argon2id of the password
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        var parts = hash.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[4])).isEqualTo(salt);
        assertThat(Base64.getDecoder().decode(parts[5])).isEqualTo(argon2id(password, salt, 19 * 1024, 2, 1, 32));
    }

    @Test
    void a_hash_made_by_the_reference_implementation_matches() {
        // Given the reference implementation's (phc-winner-argon2) hash of "password", salt
        // "somesalt", 64 MiB, 2 passes, 1 lane
        var reference = new PasswordHash(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");

        // Then it matches that password and no other
        assertThat(fast.matches("password", reference)).isTrue();
        assertThat(fast.matches("Password", reference)).isFalse();
    }

    @Test
    void the_password_matches_its_hash_and_another_does_not() {
        var hash = fast.hash(PASSWORD);

        assertThat(fast.matches(PASSWORD, hash)).isTrue();
        assertThat(fast.matches(PASSWORD + " ", hash)).isFalse();
        assertThat(fast.matches("Correct horse battery staple", hash)).isFalse();
        assertThat(fast.matches("", hash)).isFalse();
    }

    @Test
    void empty_and_unicode_passwords_round_trip() {
        for (var password : new String[] {"", "🔑".repeat(1024), "Zürich 渲染 𝐀", "a\u0000b"}) {
            var hash = fast.hash(password);
            assertThat(fast.matches(password, hash)).as(password).isTrue();
        }
        assertThat(fast.matches("a", fast.hash("a\u0000b"))).isFalse();
    }

    @Test
    void two_hashes_of_one_password_differ_by_their_salt_and_both_match() {
        var first = fast.hash(PASSWORD);
        var second = fast.hash(PASSWORD);

        assertThat(first.encoded()).isNotEqualTo(second.encoded());
        assertThat(first.encoded().split("\\$")[4])
                .isNotEqualTo(second.encoded().split("\\$")[4]);
        assertThat(fast.matches(PASSWORD, first)).isTrue();
        assertThat(fast.matches(PASSWORD, second)).isTrue();
    }

    @Test
    void a_hash_is_checked_with_the_parameters_it_was_stored_with() {
        // Given a hash made with 64 KiB, one pass, one lane, and one with 256 KiB, 3 passes, 2 lanes
        var small = fast.hash(PASSWORD);
        var other = new Argon2idPasswordHasher(new SecureRandom(), 256, 3, 2).hash(PASSWORD);
        assertThat(small.encoded()).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(other.encoded()).startsWith("$argon2id$v=19$m=256,t=3,p=2$");

        // Then a hasher configured otherwise (OWASP's parameters) checks each with its own
        var owasp = new Argon2idPasswordHasher(new SecureRandom());
        assertThat(owasp.matches(PASSWORD, small)).isTrue();
        assertThat(owasp.matches(PASSWORD, other)).isTrue();
        assertThat(owasp.matches("wrong", other)).isFalse();
    }

    @Test
    void malformed_or_foreign_stored_strings_never_match_and_never_throw() {
        var real = fast.hash(PASSWORD).encoded();
        var parts = real.split("\\$");
        var salt = parts[4];
        var tag = parts[5];
        var malformed = new String[] {
            "x",
            "$",
            "$argon2id$",
            "argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + tag,
            "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + tag,
            "$argon2d$v=19$m=64,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$m=64,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=64,t=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=64,t=1,p=1,x=2$" + salt + "$" + tag,
            "$argon2id$v=19$m=abc,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=99999999999,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + tag,
            "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + tag,
            "$argon2id$v=19$m=64,t=1,p=9$" + salt + "$" + tag,
            "$argon2id$v=19$m=64,t=1,p=1$!!!not-base64$" + tag,
            "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$***",
            "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + tag,
            "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$c2hvcnQ",
            "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + tag + "$extra",
            "$argon2id$v=19$m=64,t=1,p=1$" + salt,
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "{SHA256}" + tag,
            PASSWORD
        };
        for (var stored : malformed) {
            assertThat(fast.matches(PASSWORD, new PasswordHash(stored)))
                    .as(stored)
                    .isFalse();
        }
        assertThat(fast.matches(PASSWORD, new PasswordHash(real))).isTrue();
    }

    @Test
    void stored_parameters_beyond_the_bounds_are_refused_without_running_them() {
        // Given hashes that ask for 2 GiB, 1000 passes or 64 lanes: too much to run
        var tag = Base64.getEncoder().withoutPadding().encodeToString(filled(32, 1));
        var salt = Base64.getEncoder().withoutPadding().encodeToString(filled(16, 2));
        for (var parameters : new String[] {"m=2097152,t=1,p=1", "m=64,t=1000,p=1", "m=4096,t=1,p=64"}) {
            var stored = new PasswordHash("$argon2id$v=19$" + parameters + "$" + salt + "$" + tag);

            // Then they do not match (and the test ends at once)
            assertThat(fast.matches(PASSWORD, stored)).as(parameters).isFalse();
        }
    }

    @Test
    void absurd_parameters_are_refused_when_the_hasher_is_made() {
        var random = new SecureRandom();
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, 7, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, 64, 1, 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, 64, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, 64, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, Integer.MAX_VALUE, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, 64, 101, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(random, 1024, 1, 17))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(null, 64, 1, 1)).isInstanceOf(NullPointerException.class);

        // And the largest allowed lanes and passes make hashes that match
        var edge = new Argon2idPasswordHasher(random, 8 * 16, 100, 16);
        assertThat(edge.matches(PASSWORD, edge.hash(PASSWORD))).isTrue();
    }

    @Test
    void a_hash_shows_nothing_of_the_password_or_itself_in_its_text() {
        var hash = fast.hash(PASSWORD);

        assertThat(hash.toString())
                .doesNotContain(PASSWORD)
                .doesNotContain(hash.encoded().split("\\$")[5]);
        assertThat(hash.encoded()).doesNotContain(PASSWORD);
    }

    private static byte[] argon2id(String password, byte[] salt, int memoryKiB, int iterations, int lanes, int length) {
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(lanes)
                .build());
        var out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static byte[] filled(int length, int value) {
        var bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** A random source that gives {@code salt} (repeated) for every request: for a known salt only. */
    private static SecureRandom fixedRandom(byte[] salt) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = salt[i % salt.length];
                }
            }
        };
    }
}
