package io.cryptorun.sources.model;

/**
 * A gap in one symbol's book stream: from here on the book is unusable until its next fresh
 * snapshot (SPEC §4, "a book is never continued across a gap"). Emitted by the live source for
 * every event that may lose or corrupt book data on a connection — queue overflow, reconnect,
 * restore, unparseable or oversize frame, sequence or checksum failure, missing snapshot, failed
 * subscribe — and replayed from recordings ({@code io.cryptorun.sources.fixture.BookResetLine}),
 * so replay and live take the same path.
 *
 * <p>Time: {@link EventHeader#exchangeTimeMicros()} is the exchange time of the last book data
 * received for the symbol on the connection ({@link EventHeader#NO_TIME} when none), never a
 * receive-time stamp (heartbeats, acks): the book operator emits microstructure up to that second
 * from the book as it was, and nothing after it. {@link EventHeader#receiveTimeMicros()} is when the
 * gap was noticed.
 *
 * @param header          venue, the affected symbol, time of the last book data, receive time,
 *                        connection, frame ordinal −1 (not a venue frame)
 * @param reason          why (e.g. {@code queue_overflow}, {@code reconnected}, {@code checksum_mismatch BTC/USD})
 * @param wholeConnection true when every book of the connection is reset by the same event (one
 *                        record per symbol is still emitted: the book operator is keyed by symbol)
 */
public record BookReset(EventHeader header, String reason, boolean wholeConnection) {
    public BookReset {
        if (header == null || header.symbol() == null || header.symbol().isEmpty()) {
            throw new IllegalArgumentException("a book reset names its symbol");
        }
        if (reason == null) throw new IllegalArgumentException("a book reset has a reason");
    }

    /** True when the reset knows the exchange time of the symbol's last book data. */
    public boolean hasBookTime() {
        return header.exchangeTimeMicros() != EventHeader.NO_TIME;
    }
}
