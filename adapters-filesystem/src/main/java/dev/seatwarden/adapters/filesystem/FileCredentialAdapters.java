package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.application.port.out.MachineIdentity;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

/**
 * The client's out-ports on the file system, for one environment, working directory and home
 * directory, which the caller gives (bootstrap: the process's environment, working directory and
 * {@code $HOME}; a test: its own).
 *
 * <p>{@code rpd_account.json} is looked for at {@code --file}, {@code $SEATWARDEN_ACCOUNT_FILE},
 * {@code ./rpd_account.json}, {@code $XDG_CONFIG_HOME/seatwarden/rpd_account.json} (default
 * {@code ~/.config}); {@code credentials.json} at {@code --file}, {@code $SEATWARDEN_CREDENTIALS_FILE},
 * {@code ./credentials.json}. A blank variable counts as unset; relative paths are taken from the
 * working directory; an {@code XDG_CONFIG_HOME} that is not absolute is ignored, as the XDG base
 * directory specification says. The adapters work on the file system of the given paths.
 */
public final class FileCredentialAdapters {

    /** Names the {@code rpd_account.json} to use. */
    public static final String ACCOUNT_FILE_VARIABLE = "SEATWARDEN_ACCOUNT_FILE";
    /** Names the {@code credentials.json} to use. */
    public static final String CREDENTIALS_FILE_VARIABLE = "SEATWARDEN_CREDENTIALS_FILE";
    /** Takes the place of the operating system's machine id. */
    public static final String MACHINE_ID_VARIABLE = OperatingSystemMachineIdentity.VARIABLE;

    private final CredentialFiles<AccountCredential> accountFiles;
    private final CredentialFiles<ScriptCredential> credentialsFiles;
    private final MachineIdentity machineIdentity;

    /**
     * @param environment the environment variables (such as {@link System#getenv()})
     * @param workingDirectory where {@code ./rpd_account.json} and relative paths are
     * @param home the user's home directory, for {@code ~/.config}
     */
    public FileCredentialAdapters(Map<String, String> environment, Path workingDirectory, Path home) {
        this(environment, workingDirectory, home, Disk.SYSTEM, OperatingSystemMachineIdentity.OPERATING_SYSTEM_IDS);
    }

    FileCredentialAdapters(
            Map<String, String> environment,
            Path workingDirectory,
            Path home,
            Disk disk,
            List<Path> operatingSystemIds) {
        Objects.requireNonNull(environment, "environment");
        var here = workingDirectory.toAbsolutePath();
        var configFolder = configFolder(environment, home.toAbsolutePath());
        var random = new SecureRandom();
        var writer = new AtomicFile(disk, random);
        this.accountFiles = new FileCredentials<>(
                new AccountFileFormat(),
                here,
                place(environment, ACCOUNT_FILE_VARIABLE, here),
                List.of(here.resolve("rpd_account.json"), configFolder.resolve("rpd_account.json")),
                writer);
        this.credentialsFiles = new FileCredentials<>(
                new ScriptFileFormat(),
                here,
                place(environment, CREDENTIALS_FILE_VARIABLE, here),
                List.of(here.resolve("credentials.json")),
                writer);
        this.machineIdentity = new OperatingSystemMachineIdentity(
                Map.copyOf(environment), operatingSystemIds, configFolder.resolve("machine-id"), writer, random);
    }

    /** {@code rpd_account.json}, the CLI's. */
    public CredentialFiles<AccountCredential> accountFiles() {
        return accountFiles;
    }

    /** {@code credentials.json}, for the API and scripts. */
    public CredentialFiles<ScriptCredential> credentialsFiles() {
        return credentialsFiles;
    }

    /** This machine's fingerprint. */
    public MachineIdentity machineIdentity() {
        return machineIdentity;
    }

    /** {@code $XDG_CONFIG_HOME/seatwarden}, or {@code ~/.config/seatwarden}. */
    static Path configFolder(Map<String, String> environment, Path home) {
        return Option.of(environment.get("XDG_CONFIG_HOME"))
                .filter(value -> !value.isBlank())
                .map(value -> home.getFileSystem().getPath(value))
                .filter(Path::isAbsolute)
                .getOrElse(() -> home.resolve(".config"))
                .resolve("seatwarden");
    }

    private static Option<FileCredentials.Place> place(Map<String, String> environment, String variable, Path here) {
        return Option.of(environment.get(variable))
                .filter(value -> !value.isBlank())
                .map(value -> new FileCredentials.Place(
                        Problems.absolute(here, here.getFileSystem().getPath(value)), Option.some("$" + variable)));
    }
}
