package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.Database;
import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.application.port.out.AccessPorts;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.security.RandomIdGenerator;
import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.Sha256SecretHasher;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.AccessSettings;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.shared.LicensingSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The application over an open database: the out-ports, the licensing use cases and the sign-in
 * use cases, wired by hand. The server and every operator command start here.
 */
final class Wiring implements AutoCloseable {

    private final Database database;
    private final UseCases useCases;
    private final Access access;

    private Wiring(Database database, Clock clock) {
        this.database = database;
        var random = new SecureRandom();
        var ports = ports(database, clock, random);
        this.useCases = UseCases.create(ports, LicensingSettings.defaults());
        this.access = Access.create(useCases, ports, accessPorts(database, random), AccessSettings.defaults());
    }

    /**
     * Opens the database (applying the migrations it lacks) and wires the application on it.
     *
     * @throws dev.seatwarden.adapters.persistence.DatabaseException if it cannot be reached or migrated
     */
    static Wiring open(DatabaseSettings settings, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        var database = Database.open(settings);
        try {
            return new Wiring(database, clock);
        } catch (RuntimeException failure) {
            database.close();
            throw failure;
        }
    }

    private static Ports ports(Database database, Clock clock, SecureRandom random) {
        return new Ports(
                database.accounts(),
                database.tokens(),
                database.seats(),
                database.auditLog(),
                database.transactions(),
                new SecureRandomSecretGenerator(random),
                new Sha256SecretHasher(),
                new RandomIdGenerator(random),
                clock,
                database.verificationReads());
    }

    /** The sign-in ports over the database: passwords, sessions and failures kept with the rest. */
    static AccessPorts accessPorts(Database database, SecureRandom random) {
        return database.accessPorts(random);
    }

    Database database() {
        return database;
    }

    UseCases useCases() {
        return useCases;
    }

    Access access() {
        return access;
    }

    @Override
    public void close() {
        database.close();
    }
}
