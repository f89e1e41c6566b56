package dev.seatwarden.application.port.in;

import io.vavr.collection.List;

/**
 * One page of audit events, newest first.
 *
 * @param next the cursor of the next (older) page; none on the last page
 */
public record AuditPage(List<AuditEventView> events, io.vavr.control.Option<String> next) {}
