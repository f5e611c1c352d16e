package io.cryptorun.sources.model;

/**
 * What every normalized record carries: where it came from and when.
 *
 * @param venue              venue id, e.g. {@code kraken}
 * @param symbol             venue symbol in canonical {@code BASE/QUOTE} form; empty for
 *                           connection-level records (heartbeat, status)
 * @param exchangeTimeMicros the venue's own timestamp (epoch µs), or {@link #NO_TIME}
 * @param receiveTimeMicros  when the frame was received (epoch µs): the fixture {@code ts}
 * @param conn               connection id (provenance)
 * @param frameOrdinal       index of the frame on its connection, from 0 (provenance)
 */
public record EventHeader(
        String venue, String symbol, long exchangeTimeMicros, long receiveTimeMicros, String conn, long frameOrdinal) {

    public static final long NO_TIME = Long.MIN_VALUE;

    /** Event time: the exchange's clock when it gives one, else the receive time. */
    public long eventTimeMicros() {
        return exchangeTimeMicros != NO_TIME ? exchangeTimeMicros : receiveTimeMicros;
    }

    public EventHeader withSymbol(String newSymbol) {
        return new EventHeader(venue, newSymbol, exchangeTimeMicros, receiveTimeMicros, conn, frameOrdinal);
    }

    public EventHeader withExchangeTime(long micros) {
        return new EventHeader(venue, symbol, micros, receiveTimeMicros, conn, frameOrdinal);
    }
}
