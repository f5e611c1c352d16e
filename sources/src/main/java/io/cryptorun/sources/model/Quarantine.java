package io.cryptorun.sources.model;

/**
 * A frame (or the part of one) that was not applied, with the reason. Nothing is dropped
 * silently: every such frame becomes one of these, is counted by reason and written out.
 *
 * @param reason one of {@link QuarantineReason}
 * @param detail human-readable specifics (field, value, expected checksum, ...)
 * @param frame  the raw frame text, verbatim
 */
public record Quarantine(
        String venue, String symbol, String reason, String detail, long receiveTimeMicros, String conn, long frameOrdinal,
        String frame) {}
