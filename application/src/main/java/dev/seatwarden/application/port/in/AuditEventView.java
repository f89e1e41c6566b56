package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.time.Instant;

/** R17: one audit event as the owner lists it. {@code id} doubles as a paging cursor. */
public record AuditEventView(
        String id,
        Instant at,
        EventType type,
        Option<TokenId> tokenId,
        Option<MachineId> machineId,
        Option<String> detail) {}
