package dev.seatwarden.domain.account;

/** R1: the plans, in order; declaration order is the order of {@link #compareTo}. */
public enum Plan {
    STARTER,
    PRO,
    ENTERPRISE;

    /** Whether this plan is at least {@code other}. */
    public boolean isAtLeast(Plan other) {
        return compareTo(other) >= 0;
    }
}
