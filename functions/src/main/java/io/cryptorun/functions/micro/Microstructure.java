package io.cryptorun.functions.micro;

import io.cryptorun.sources.time.Micros;
import io.cryptorun.sources.decimal.Decimal;

/**
 * One book's microstructure at a second boundary of event time (SPEC §5). Exact decimals
 * throughout; a Java record, hence a Flink POJO type.
 *
 * <p>Price-derived fields ({@code bid} … {@code imbalance}) are {@code null} when a side of the
 * book is empty; such a record is never valid.
 *
 * @param tsMicros      the second boundary (epoch µs) the snapshot is taken at: the book as it
 *                      stood after every update with event time strictly before it
 * @param bid           best bid, at the instrument's price precision
 * @param ask           best ask
 * @param mid           (bid + ask) / 2, exact: one decimal more than the price precision
 * @param spreadBps     (ask − bid) / mid × 10 000, half-even to 4 decimals: display only (the
 *                      spread gate decides on the exact {@code bid} and {@code ask})
 * @param depthBidUsd   Σ price × qty of bids with price ≥ mid × 0.98: exact up to 8 decimals
 *                      (at least 2 shown, trailing zeros beyond dropped), floored beyond 8
 * @param depthAskUsd   Σ price × qty of asks with price ≤ mid × 1.02, likewise
 * @param depthTotalUsd the exact bid + ask depth, likewise (the depth gate reads this value:
 *                      flooring keeps {@code depth ≥ t} exact for t with ≤ 8 decimals)
 * @param imbalance     (bidDepth − askDepth) / (bidDepth + askDepth) on the exact depths,
 *                      half-even to 4 decimals; 0 when both are 0
 * @param bookAgeMs     tsMicros − the later of the event time of the last applied book message and
 *                      the last heartbeat that confirmed the book (SPEC §4), in ms (floor); −1 if
 *                      the book was never updated. Never more than 60 000 in an emitted record
 *                      ({@code OrderBookFunction#MAX_BOOK_AGE_MICROS})
 * @param valid         the book is valid (checksum-verified, not crossed) and two-sided
 * @param conn          connection of the last applied frame (provenance)
 * @param frameOrdinal  ordinal of the last applied frame on that connection (provenance)
 */
public record Microstructure(
        String venue,
        String symbol,
        long tsMicros,
        Decimal bid,
        Decimal ask,
        Decimal mid,
        Decimal spreadBps,
        Decimal depthBidUsd,
        Decimal depthAskUsd,
        Decimal depthTotalUsd,
        Decimal imbalance,
        long bookAgeMs,
        boolean valid,
        String conn,
        long frameOrdinal) {

    /**
     * The same book seen at a later boundary: only the time and the age move. Used when catching
     * up over seconds in which the book did not change, so the levels are summed once.
     */
    public Microstructure at(long newTsMicros) {
        long age = bookAgeMs < 0 ? bookAgeMs : bookAgeMs + Micros.toMillis(newTsMicros - tsMicros);
        return new Microstructure(venue, symbol, newTsMicros, bid, ask, mid, spreadBps, depthBidUsd, depthAskUsd,
                depthTotalUsd, imbalance, age, valid, conn, frameOrdinal);
    }
}
