package io.cryptorun.sources.venue;

/**
 * A frame rejected with a {@link io.cryptorun.sources.model.QuarantineReason} code; no stack trace
 * (bad input is expected, not exceptional). Shared by the venue parsers, never escapes them.
 */
public final class BadFrame extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final String symbol;

    public BadFrame(String reason, String symbol, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.symbol = symbol;
    }

    public String reason() {
        return reason;
    }

    /** Canonical symbol when known at the point of failure, else {@code null}. */
    public String symbol() {
        return symbol;
    }
}
