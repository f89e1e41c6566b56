/**
 * Persistence adapter: the application's storage out-ports ({@code Accounts}, {@code Tokens},
 * {@code Seats}, {@code AuditLog}, {@code Transactions}) on jdbi3, over embedded SQLite (the default)
 * or PostgreSQL, with the schema managed by Flyway and connections pooled by HikariCP.
 *
 * <p>Start with {@link dev.seatwarden.adapters.persistence.Database#open}; see docs/persistence.md
 * for the schema and the concurrency approach.
 */
package dev.seatwarden.adapters.persistence;
