package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.application.port.out.MachineIdentity;
import dev.seatwarden.domain.seat.MachineId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * This machine's fingerprint: the HMAC-SHA256, keyed with the ASCII bytes of {@code seatwarden}, of
 * the machine's id, in 64 lower-case hex characters, so that the raw id never leaves the machine.
 * The id is {@code SEATWARDEN_MACHINE_ID} if set (containers, CI), else the operating system's
 * ({@code /etc/machine-id}, else {@code /var/lib/dbus/machine-id}), trimmed; where there is none, a
 * random id made once and kept in {@code $XDG_CONFIG_HOME/seatwarden/machine-id} (mode 0600).
 * Processes that make it at the same moment end with one id: a new id is never put over one that
 * another process kept first, and every process uses what is kept.
 */
final class OperatingSystemMachineIdentity implements MachineIdentity {

    static final String VARIABLE = "SEATWARDEN_MACHINE_ID";
    static final List<Path> OPERATING_SYSTEM_IDS =
            List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

    private static final byte[] KEY = "seatwarden".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BYTES = 4096;
    private static final int GENERATED_BYTES = 16;

    private final Map<String, String> environment;
    private final List<Path> operatingSystemIds;
    private final Path keptId;
    private final AtomicFile writer;
    private final SecureRandom random;

    OperatingSystemMachineIdentity(
            Map<String, String> environment,
            List<Path> operatingSystemIds,
            Path keptId,
            AtomicFile writer,
            SecureRandom random) {
        this.environment = environment;
        this.operatingSystemIds = operatingSystemIds;
        this.keptId = keptId;
        this.writer = writer;
        this.random = random;
    }

    @Override
    public Either<String, MachineId> fingerprint() {
        return rawId().map(OperatingSystemMachineIdentity::fingerprintOf);
    }

    /** The fingerprint of {@code id}: HMAC-SHA256 keyed with "seatwarden" over its trimmed UTF-8 bytes. */
    static MachineId fingerprintOf(String id) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            var digest = mac.doFinal(id.strip().getBytes(StandardCharsets.UTF_8));
            return new MachineId(HexFormat.of().formatHex(digest));
        } catch (GeneralSecurityException impossible) {
            // every Java platform has HmacSHA256
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }

    private Either<String, String> rawId() {
        var given = Option.of(environment.get(VARIABLE)).map(String::strip).filter(id -> !id.isEmpty());
        if (given.isDefined()) {
            return Either.right(given.get());
        }
        return operatingSystemIds
                .toStream()
                .flatMap(OperatingSystemMachineIdentity::idIn)
                .headOption()
                .toEither(() -> "")
                .orElse(this::keptOrMade);
    }

    private Either<String, String> keptOrMade() {
        var kept = SmallFile.text(keptId, MAX_BYTES);
        if (kept.isRight() && !kept.get().isBlank()) {
            return Either.right(kept.get().strip());
        }
        if (kept.isLeft() && !kept.getLeft().missing()) {
            return Either.left(none() + "; " + keptId + " is " + kept.getLeft().problem());
        }
        var bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        var made = (HexFormat.of().formatHex(bytes) + "\n").getBytes(StandardCharsets.US_ASCII);
        // a missing id is published only where no other process has published one meanwhile; an
        // empty one (which no process of ours leaves) is replaced
        var publish = kept.isLeft() ? writer.writeNew(keptId, made) : writer.write(keptId, made);
        return publish.mapLeft(reason -> none() + ", and " + keptId + " could not be made: " + reason)
                // read back: the id of the process that was first, and what the next call reads
                .flatMap(written -> SmallFile.text(keptId, MAX_BYTES)
                        .mapLeft(failure -> none() + "; " + keptId + " was made but is " + failure.problem())
                        .map(String::strip)
                        .filterOrElse(id -> !id.isEmpty(), empty -> none() + "; " + keptId + " was made but is empty"));
    }

    private String none() {
        return "no machine id (setting " + VARIABLE + " gives one): it is not set, "
                + operatingSystemIds.mkString(" and ") + " are missing, empty or unreadable";
    }

    private static Option<String> idIn(Path file) {
        return SmallFile.text(file, MAX_BYTES).map(String::strip).toOption().filter(id -> !id.isEmpty());
    }
}
