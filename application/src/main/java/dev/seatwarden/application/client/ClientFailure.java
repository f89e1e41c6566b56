package dev.seatwarden.application.client;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** Why a client command did not get done; each kind has its exit code in cli-and-files.md. */
public sealed interface ClientFailure {

    /** A credential (a file, or a token given on standard input) is missing, unreadable or invalid. */
    record BadCredential(Seq<CredentialFault> faults) implements ClientFailure {}

    /** The credential could not be saved; the old file, if any, is as it was. */
    record NotSaved(CredentialFault fault) implements ClientFailure {}

    /** This machine has no fingerprint. */
    record NoMachineId(String reason) implements ClientFailure {}

    /** What talking to the server can end in. */
    sealed interface ServerFailure extends ClientFailure {}

    /**
     * The server refused, with the code of rest-api.md.
     *
     * @param detail the server's explanation, if it gave one
     * @param retryAt when a throttled client may try again ({@code TOO_MANY_ATTEMPTS})
     * @param autoReleaseAt when the seat held by another machine frees itself
     */
    record Refused(String code, Option<String> detail, Option<Instant> retryAt, Option<Instant> autoReleaseAt)
            implements ServerFailure {

        /** A refusal with its code alone. */
        public static Refused of(String code) {
            return new Refused(code, Option.none(), Option.none(), Option.none());
        }
    }

    /** The server could not be reached, or did not answer in time. */
    record Unreachable(String reason) implements ServerFailure {}

    /** Something answered, but not as a Seatwarden server does. */
    record UnexpectedAnswer(String reason) implements ServerFailure {}
}
