package dev.seatwarden.application.port.out;

/** Where a client's warnings go (standard error, for the command line); never a secret. */
@FunctionalInterface
public interface Warnings {

    void warn(String message);
}
