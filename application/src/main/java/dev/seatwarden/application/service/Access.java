package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.AuthenticateSessionUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.PurgeSessionsUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.application.port.in.SignOutUseCase;
import dev.seatwarden.application.port.out.AccessPorts;
import dev.seatwarden.application.port.out.Ports;

/**
 * The door to signing in: accounts with passwords, sessions, the sign-in throttle. Optional for
 * teams that embed the licensing rules behind a sign-in of their own; the server uses it.
 */
public final class Access {

    private final AccessService service;

    private Access(AccessService service) {
        this.service = service;
    }

    /**
     * The sign-in use cases over {@code ports} and {@code accessPorts}, beside {@code useCases}
     * (made from the same {@code ports}).
     */
    public static Access create(UseCases useCases, Ports ports, AccessPorts accessPorts, AccessSettings settings) {
        return new Access(new AccessService(useCases, ports, accessPorts, settings));
    }

    public OpenAccountUseCase openAccount() {
        return service;
    }

    public SignInUseCase signIn() {
        return service;
    }

    public SignOutUseCase signOut() {
        return service;
    }

    public AuthenticateSessionUseCase authenticateSession() {
        return service;
    }

    public PurgeSessionsUseCase purgeSessions() {
        return service;
    }
}
