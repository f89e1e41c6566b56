/** Persistence adapter: jdbi3 repositories on SQLite and PostgreSQL implementing the application's ports go here. */
package dev.seatwarden.adapters.persistence;
