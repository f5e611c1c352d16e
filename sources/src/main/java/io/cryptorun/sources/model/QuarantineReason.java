package io.cryptorun.sources.model;

/** Stable reason codes (they are keys of {@code summary.json} and of the quarantine metrics). */
public final class QuarantineReason {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String UNKNOWN_CHANNEL = "unknown_channel";
    public static final String UNKNOWN_MESSAGE = "unknown_message";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_NUMBER = "invalid_number";
    public static final String NEGATIVE_QTY = "negative_qty";
    public static final String NON_POSITIVE_PRICE = "non_positive_price";
    public static final String INVALID_TIMESTAMP = "invalid_timestamp";
    public static final String PRECISION_EXCEEDED = "precision_exceeded";
    public static final String INSTRUMENT_UNKNOWN = "instrument_unknown";
    public static final String UPDATE_BEFORE_SNAPSHOT = "update_before_snapshot";
    public static final String CROSSED_BOOK = "crossed_book";
    public static final String CHECKSUM_MISMATCH = "checksum_mismatch";
    public static final String BOOK_INVALID = "book_invalid";
    public static final String FRAME_TOO_LARGE = "frame_too_large";
    public static final String BAD_FIXTURE_LINE = "bad_fixture_line";
    /** A fixture line names a venue no adapter is registered for. */
    public static final String UNKNOWN_VENUE = "unknown_venue";
    /** A bar-history CSV row that cannot be split into its columns (count, empty ids, too long). */
    public static final String BAD_HISTORY_ROW = "bad_history_row";
    /** A bar-history file whose first line is not the expected header; its rows cannot be trusted. */
    public static final String BAD_HISTORY_HEADER = "bad_history_header";
    /** A bar-history row with an interval the history input does not support (only {@code 1h}). */
    public static final String UNSUPPORTED_INTERVAL = "unsupported_interval";
    /** A bar violating OHLCV invariants: high below open/close, low above open/close, negative volume. */
    public static final String INCONSISTENT_BAR = "inconsistent_bar";
    /** A row earlier than its predecessor in a file that must be sorted by time. */
    public static final String OUT_OF_ORDER = "out_of_order";
    /** A trade whose event time falls before the bar it would belong to was closed. */
    public static final String LATE_TRADE = "late_trade";
    /** A venue symbol (product id, pair, channel suffix) that does not map to a canonical {@code BASE/QUOTE}. */
    public static final String INVALID_SYMBOL = "invalid_symbol";
    /** A venue sequence (or trade id) that skipped or went backwards: messages were missed; the book needs a fresh snapshot. */
    public static final String SEQUENCE_GAP = "sequence_gap";
    /** A book diff already contained in the snapshot it follows (Bitstamp: microtimestamp ≤ the snapshot's); dropped, not applied. */
    public static final String STALE_UPDATE = "stale_update";

    /** A trade the validation layer flagged (spike, robust z of price or size, cross-venue deviation); detail: the flags. */
    public static final String ANOMALOUS_TRADE = "anomalous_trade";

    private QuarantineReason() {}
}
