package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.filesystem.FileCredentialAdapters;
import dev.seatwarden.adapters.rest.client.HttpLicenseServer;
import dev.seatwarden.application.port.out.ClientPorts;
import dev.seatwarden.application.service.Client;

/** The client commands' use cases over the credential files of this user and the HTTP client. */
final class ClientWiring {

    private ClientWiring() {}

    static Client client(CliContext context) {
        var files = new FileCredentialAdapters(context.env(), context.workingDirectory(), context.home());
        var err = context.err();
        return Client.create(new ClientPorts(
                files.accountFiles(),
                files.credentialsFiles(),
                files.machineIdentity(),
                new HttpLicenseServer(VersionProvider.version()),
                warning -> {
                    err.println("seatwarden: warning: " + warning);
                    err.flush();
                }));
    }
}
