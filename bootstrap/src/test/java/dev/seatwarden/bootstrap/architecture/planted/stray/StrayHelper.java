package dev.seatwarden.bootstrap.architecture.planted.stray;

/** Sits in no ring of the onion. */
public final class StrayHelper {

    public static String help() {
        return "help";
    }
}
