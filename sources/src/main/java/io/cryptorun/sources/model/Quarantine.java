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
        String frame) {

    /**
     * A record that was parsed but could not be applied downstream (book rules, late trade): the
     * header locates its fixture line; the raw frame text is no longer at hand, so it is empty.
     */
    public static Quarantine of(EventHeader h, String reason, String detail) {
        return new Quarantine(h.venue(), h.symbol(), reason, detail, h.receiveTimeMicros(), h.conn(), h.frameOrdinal(), "");
    }
}
