package dev.seatwarden.adapters.rest;

import dev.seatwarden.application.port.in.AuthenticateSessionUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.GetTokenUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.RotateTokenUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.application.port.in.SignOutUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.UseCases;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Everything the REST adapter calls: the in-ports it serves, whether the database answers (for
 * {@code /health}), and the clock its throttles read.
 */
public record RestUseCases(
        SignInUseCase signIn,
        SignOutUseCase signOut,
        AuthenticateSessionUseCase authenticateSession,
        GetAccountUseCase getAccount,
        CreateTokenUseCase createToken,
        ListTokensUseCase listTokens,
        GetTokenUseCase getToken,
        RevokeTokenUseCase revokeToken,
        RotateTokenUseCase rotateToken,
        ReleaseSeatUseCase releaseSeat,
        ListAuditEventsUseCase listAuditEvents,
        VerifyTokenUseCase verifyToken,
        ReportLeakedSecretsUseCase reportLeakedSecrets,
        BooleanSupplier databaseUp,
        Clock clock) {
    public RestUseCases {
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(signOut, "signOut");
        Objects.requireNonNull(authenticateSession, "authenticateSession");
        Objects.requireNonNull(getAccount, "getAccount");
        Objects.requireNonNull(createToken, "createToken");
        Objects.requireNonNull(listTokens, "listTokens");
        Objects.requireNonNull(getToken, "getToken");
        Objects.requireNonNull(revokeToken, "revokeToken");
        Objects.requireNonNull(rotateToken, "rotateToken");
        Objects.requireNonNull(releaseSeat, "releaseSeat");
        Objects.requireNonNull(listAuditEvents, "listAuditEvents");
        Objects.requireNonNull(verifyToken, "verifyToken");
        Objects.requireNonNull(reportLeakedSecrets, "reportLeakedSecrets");
        Objects.requireNonNull(databaseUp, "databaseUp");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The in-ports the API serves, taken from the application's two doors ({@code useCases} and
     * {@code access} over the same ports).
     */
    public static RestUseCases of(UseCases useCases, Access access, BooleanSupplier databaseUp, Clock clock) {
        return new RestUseCases(
                access.signIn(),
                access.signOut(),
                access.authenticateSession(),
                useCases.getAccount(),
                useCases.createToken(),
                useCases.listTokens(),
                useCases.getToken(),
                useCases.revokeToken(),
                useCases.rotateToken(),
                useCases.releaseSeat(),
                useCases.listAuditEvents(),
                useCases.verifyToken(),
                useCases.reportLeakedSecrets(),
                databaseUp,
                clock);
    }

    /** The same, with another answer to whether the database is up. */
    public RestUseCases withDatabaseUp(BooleanSupplier up) {
        return new RestUseCases(
                signIn,
                signOut,
                authenticateSession,
                getAccount,
                createToken,
                listTokens,
                getToken,
                revokeToken,
                rotateToken,
                releaseSeat,
                listAuditEvents,
                verifyToken,
                reportLeakedSecrets,
                up,
                clock);
    }
}
