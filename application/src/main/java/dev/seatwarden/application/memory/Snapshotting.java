package dev.seatwarden.application.memory;

/** A store whose whole state can be taken and put back, for rolling back a unit of work. */
interface Snapshotting {
    Object snapshot();

    void restore(Object snapshot);
}
