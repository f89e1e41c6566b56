package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.seat.MachineId;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * A seat as its owner sees it: the state the rules see now (R13, R20), not merely the stored one.
 *
 * @param assigned whether a machine holds it
 * @param machine the machine holding it
 * @param assignedAt since when
 * @param lastActivityAt its last recorded activity (R10 granularity)
 * @param autoReleaseAt when it frees itself if the machine stays inactive (R13)
 */
public record SeatView(
        boolean assigned,
        Option<MachineId> machine,
        Option<Instant> assignedAt,
        Option<Instant> lastActivityAt,
        Option<Instant> autoReleaseAt) {

    /** The view of a free seat. */
    public static SeatView free() {
        return new SeatView(false, Option.none(), Option.none(), Option.none(), Option.none());
    }
}
