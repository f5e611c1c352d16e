package io.cryptorun.sources.book;

import io.cryptorun.sources.model.QuarantineReason;

/**
 * What applying one book message did. Anything but {@link #APPLIED} and {@link #BUFFERED} leaves the
 * message unapplied or the book invalid.
 */
public enum BookOutcome {
    /** Applied; checksum verified (or the venue sent none). */
    APPLIED(null),
    /** Applied, but the venue checksum disagrees: the book is invalid until the next snapshot. */
    CHECKSUM_MISMATCH(QuarantineReason.CHECKSUM_MISMATCH),
    /** Applied, but best bid ≥ best ask: impossible, so the book is invalid until the next snapshot. */
    CROSSED(QuarantineReason.CROSSED_BOOK),
    /** A delta arrived before any snapshot; not applied. */
    BEFORE_SNAPSHOT(QuarantineReason.UPDATE_BEFORE_SNAPSHOT),
    /** A delta arrived while the book is invalid (waiting for a fresh snapshot); not applied. */
    BOOK_INVALID(QuarantineReason.BOOK_INVALID),
    /** No instrument precision known, so prices cannot be placed or checksummed; not applied. */
    INSTRUMENT_UNKNOWN(QuarantineReason.INSTRUMENT_UNKNOWN),
    /** A value has more decimals than the instrument's precision; not applied, book invalidated. */
    PRECISION_EXCEEDED(QuarantineReason.PRECISION_EXCEEDED),
    /** The venue sequence (or trade id) skipped or went backwards: the book is invalid until the next snapshot. */
    SEQUENCE_GAP(QuarantineReason.SEQUENCE_GAP),
    /** A diff already covered by the snapshot (older than or equal to it); dropped and counted, book unchanged. */
    STALE(QuarantineReason.STALE_UPDATE),
    /** A diff older than one already applied: the book is invalid until the next snapshot. */
    OUT_OF_ORDER(QuarantineReason.OUT_OF_ORDER),
    /** Held until a snapshot arrives (Bitstamp diffs before or while re-fetching the REST snapshot); no reason code. */
    BUFFERED(null);

    private final String quarantineReason;

    BookOutcome(String quarantineReason) {
        this.quarantineReason = quarantineReason;
    }

    /** The quarantine reason code for this outcome, {@code null} for {@link #APPLIED} and {@link #BUFFERED}. */
    public String quarantineReason() {
        return quarantineReason;
    }
}
