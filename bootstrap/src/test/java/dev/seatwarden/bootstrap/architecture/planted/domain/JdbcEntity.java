package dev.seatwarden.bootstrap.architecture.planted.domain;

import java.sql.Connection;

/** Knows about JDBC: allowed by the {@code java..} whitelist, refused by the framework rule. */
public final class JdbcEntity {

    public boolean save(Connection connection) {
        return connection != null;
    }
}
