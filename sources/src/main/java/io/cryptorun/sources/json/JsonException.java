package io.cryptorun.sources.json;

/**
 * Input that {@link JsonCursor} cannot read: a syntax error, a limit exceeded, or a number that
 * does not fit the type asked for. Bad frames are expected in a market-data feed, so this carries
 * no stack trace and is cheap to throw; callers turn it into a quarantine record.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public JsonException(String message, int offset) {
        super(message + " at char " + offset, null, false, false);
        this.offset = offset;
    }

    /** The char index in the input where the problem was detected. */
    public int offset() {
        return offset;
    }
}
