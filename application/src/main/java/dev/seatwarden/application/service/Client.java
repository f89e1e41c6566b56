package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.CheckCredentialsUseCase;
import dev.seatwarden.application.port.in.FingerprintMachineUseCase;
import dev.seatwarden.application.port.in.LogInUseCase;
import dev.seatwarden.application.port.in.ShowLoginUseCase;
import dev.seatwarden.application.port.in.WriteCredentialsUseCase;
import dev.seatwarden.application.port.out.ClientPorts;

/**
 * The client commands of cli-and-files.md ({@code login}, {@code whoami}, {@code credentials
 * write|check}, {@code machine-id}) as use cases, for the command line or for a team's own client.
 */
public final class Client {

    private final ClientService service;

    private Client(ClientService service) {
        this.service = service;
    }

    public static Client create(ClientPorts ports) {
        return new Client(new ClientService(ports));
    }

    public LogInUseCase logIn() {
        return service;
    }

    public ShowLoginUseCase showLogin() {
        return service;
    }

    public WriteCredentialsUseCase writeCredentials() {
        return service;
    }

    public CheckCredentialsUseCase checkCredentials() {
        return service;
    }

    public FingerprintMachineUseCase fingerprintMachine() {
        return service;
    }
}
