package dev.seatwarden.domain.seat;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A seat no machine holds.
 *
 * @param releasedManuallyFrom the machine of the last manual release, while no other machine has
 *     taken the seat since: if that machine verifies first, the seat is re-activated (R15)
 */
public record FreeSeat(TokenId token, AccountId account, Option<MachineId> releasedManuallyFrom, long version)
        implements Seat {
    public FreeSeat {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(releasedManuallyFrom, "releasedManuallyFrom");
    }

    @Override
    public FreeSeat withVersion(long storedVersion) {
        return new FreeSeat(token, account, releasedManuallyFrom, storedVersion);
    }
}
