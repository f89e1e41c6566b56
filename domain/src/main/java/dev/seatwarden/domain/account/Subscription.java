package dev.seatwarden.domain.account;

/** R1, R2: whether the account's subscription is paid up. */
public enum Subscription {
    ACTIVE,
    LAPSED
}
