package io.cryptorun.sources.model;

/**
 * Connection or product liveness signal (heartbeat or pong). Symbol is empty for connection-level
 * heartbeats (Kraken, Gemini); Coinbase heartbeats are per product and carry its symbol plus the
 * product's {@code sequence} and {@code last_trade_id}, which the Coinbase book rule uses to
 * detect missed messages.
 *
 * @param sequence    the venue's per-product sequence number, or {@link #NO_SEQUENCE}
 * @param lastTradeId the venue's last trade id for the product, or {@link #NO_SEQUENCE}
 */
public record Heartbeat(EventHeader header, long sequence, long lastTradeId) {
    public static final long NO_SEQUENCE = -1L;

    /** A heartbeat without sequence information. */
    public Heartbeat(EventHeader header) {
        this(header, NO_SEQUENCE, NO_SEQUENCE);
    }
}
