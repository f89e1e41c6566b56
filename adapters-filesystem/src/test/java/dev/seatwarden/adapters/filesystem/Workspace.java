package dev.seatwarden.adapters.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.application.port.out.MachineIdentity;
import dev.seatwarden.domain.fixtures.DomainGenerators;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A world for one test: a working directory, a home directory, an environment, the operating
 * system's machine id files and the disk, all under one folder (of any file system), and the
 * adapters made of them.
 */
final class Workspace {

    final Path root;
    final Path work;
    final Path home;
    final Map<String, String> environment = new HashMap<>();
    final Path etcMachineId;
    final Path dbusMachineId;
    Disk disk = Disk.SYSTEM;

    Workspace(Path root) {
        this.root = root;
        this.work = root.resolve("work");
        this.home = root.resolve("home");
        this.etcMachineId = root.resolve("etc").resolve("machine-id");
        this.dbusMachineId = root.resolve("var/lib/dbus").resolve("machine-id");
        try {
            Files.createDirectories(work);
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FileCredentialAdapters adapters() {
        return new FileCredentialAdapters(environment, work, home, disk, List.of(etcMachineId, dbusMachineId));
    }

    CredentialFiles<AccountCredential> accounts() {
        return adapters().accountFiles();
    }

    CredentialFiles<ScriptCredential> scripts() {
        return adapters().credentialsFiles();
    }

    MachineIdentity machine() {
        return adapters().machineIdentity();
    }

    /** {@code ~/.config/seatwarden/rpd_account.json} */
    Path configAccountFile() {
        return home.resolve(".config/seatwarden/rpd_account.json");
    }

    // ---- values -------------------------------------------------------------------------------

    static Secret token(long seed) {
        return DomainGenerators.secret(TokenKind.API, seed);
    }

    static ServerAddress host(String written) {
        return ServerAddress.parse(written).get();
    }

    static AccountCredential account(String host, long seed) {
        return new AccountCredential(host(host), token(seed));
    }

    static String accountJson(String host, String token) {
        return "{\n  \"host\": \"" + host + "\",\n  \"token\": \"" + token + "\"\n}\n";
    }

    /** The path a write answered, failing with its fault if it failed. */
    static Path written(io.vavr.control.Either<CredentialFault, Path> write) {
        assertThat(write.isRight()).as("written: %s", write).isTrue();
        return write.get();
    }

    // ---- files --------------------------------------------------------------------------------

    static Path put(Path file, String text) {
        return put(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path put(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chmod(Path file, String permissions) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    /** The names of what a folder holds, sorted. */
    static java.util.List<String> listing(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fault as it is printed, checking that none shows any of {@code tokens}. */
    static java.util.List<String> described(Seq<CredentialFault> faults, String... tokens) {
        var lines = faults.map(CredentialFault::describe).toJavaList();
        for (var token : tokens) {
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(token));
            // not even its random part, nor a long piece of it
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(token.substring(4, 20)));
        }
        return lines;
    }

    /** Whether this process runs as root, who may write anywhere: the owner of a file it made is uid 0. */
    boolean runningAsRoot() {
        try {
            var probe = Files.createTempFile(root, "uid", ".probe");
            try {
                return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0;
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
