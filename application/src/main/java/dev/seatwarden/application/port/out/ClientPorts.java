package dev.seatwarden.application.port.out;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.ScriptCredential;
import java.util.Objects;

/**
 * What the client commands reach outside themselves.
 *
 * @param accountFiles {@code rpd_account.json}
 * @param credentialsFiles {@code credentials.json}
 */
public record ClientPorts(
        CredentialFiles<AccountCredential> accountFiles,
        CredentialFiles<ScriptCredential> credentialsFiles,
        MachineIdentity machine,
        LicenseServer server,
        Warnings warnings) {

    public ClientPorts {
        Objects.requireNonNull(accountFiles, "accountFiles");
        Objects.requireNonNull(credentialsFiles, "credentialsFiles");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(warnings, "warnings");
    }
}
