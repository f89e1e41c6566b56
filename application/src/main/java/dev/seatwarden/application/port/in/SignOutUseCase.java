package dev.seatwarden.application.port.in;

/** Ends a session; an unknown or ended one is no error. */
public interface SignOutUseCase {

    void signOut(String sessionId);
}
