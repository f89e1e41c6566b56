package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.filesystem.FileCredentialAdapters;
import dev.seatwarden.adapters.rest.client.HttpLicenseServer;
import dev.seatwarden.application.port.out.ClientPorts;
import dev.seatwarden.application.port.out.LicenseServer;
import dev.seatwarden.application.service.Client;
import io.vavr.Lazy;

/** The client commands' use cases over the credential files of this user and the HTTP client. */
final class ClientWiring {

    private ClientWiring() {}

    static Client client(CliContext context) {
        var files = new FileCredentialAdapters(context.env(), context.workingDirectory(), context.home());
        var err = context.err();
        // made on first use: machine-id and credentials write need no HTTP client
        var http = Lazy.of(() -> new HttpLicenseServer(userAgentVersion()));
        LicenseServer server = (host, surface, secret, machine) -> http.get().verify(host, surface, secret, machine);
        return Client.create(new ClientPorts(
                files.accountFiles(), files.credentialsFiles(), files.machineIdentity(), server, warning -> {
                    err.println("seatwarden: warning: " + warning);
                    err.flush();
                }));
    }

    /** The version as a User-Agent product version: printable ASCII without spaces. */
    static String userAgentVersion() {
        var version = VersionProvider.version().replaceAll("[^\\x21-\\x7E]", "_");
        return version.isEmpty() ? "unknown" : version.substring(0, Math.min(version.length(), 64));
    }
}
