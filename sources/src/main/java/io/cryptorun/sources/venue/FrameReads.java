package io.cryptorun.sources.venue;

import io.cryptorun.sources.decimal.DecimalParser;
import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.decimal.MutableDecimal;
import io.cryptorun.sources.json.JsonCursor;
import io.cryptorun.sources.json.JsonCursor.Token;
import io.cryptorun.sources.json.JsonException;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.time.Rfc3339;

/**
 * Value readers shared by the venue parsers: exact decimals from JSON numbers or numeric strings
 * (never through {@code double}), integers, timestamps. Every failure is a {@link BadFrame} with
 * the reason code the quarantine will carry.
 */
public final class FrameReads {
    private FrameReads() {}

    /** Reads one field of a frame object; the cursor stands on the field's value ({@code t}). */
    @FunctionalInterface
    public interface FieldReader {
        void read(JsonCursor p, String name, Token t) throws JsonException, BadFrame;
    }

    /**
     * Reads a frame that must be exactly one JSON object, handing each top-level field to
     * {@code field}, which must consume the field's value (or skip it). Not an object:
     * {@link QuarantineReason#UNKNOWN_MESSAGE}; anything after the object:
     * {@link QuarantineReason#MALFORMED_JSON}.
     */
    public static void objectFields(JsonCursor p, FieldReader field) throws JsonException, BadFrame {
        if (p.nextToken() != Token.START_OBJECT) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "frame is not a JSON object");
        }
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String name = p.currentName();
            field.read(p, name, p.nextToken());
        }
        if (t != Token.END_OBJECT || p.nextToken() != null) {
            throw new BadFrame(QuarantineReason.MALFORMED_JSON, null, "trailing content after the frame object");
        }
    }

    /** Reads the current value (JSON number or numeric string) exactly into {@code num}. */
    public static void decimal(JsonCursor p, Token v, MutableDecimal num, String symbol, String field)
            throws JsonException, BadFrame {
        if (v == Token.VALUE_STRING && p.plainDecimalString(num)) {
            return; // a plain numeric string, read in the pass that scans it
        }
        if (v != Token.VALUE_NUMBER_INT && v != Token.VALUE_NUMBER_FLOAT && v != Token.VALUE_STRING) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol, field + " is not a number: " + v);
        }
        int err = DecimalParser.parse(p.textChars(), p.textOffset(), p.textLength(), num);
        if (err != DecimalParser.OK) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol,
                    field + " " + DecimalParser.describe(err) + ": '" + p.text() + "'");
        }
    }

    /**
     * A non-negative integer sent as a JSON integer or as a string of ASCII digits (Bitstamp sends
     * its microtimestamps as strings); {@code reason} is the quarantine code on failure.
     */
    public static long nonNegativeLong(JsonCursor p, Token v, String symbol, String field, String reason)
            throws JsonException, BadFrame {
        if (v == Token.VALUE_NUMBER_INT) {
            long n;
            try {
                n = p.longValue();
            } catch (JsonException tooBig) {
                throw new BadFrame(reason, symbol, field + " out of range: " + p.text());
            }
            if (n < 0) {
                throw new BadFrame(reason, symbol, field + " is negative: " + n);
            }
            return n;
        }
        if (v == Token.VALUE_STRING) {
            char[] b = p.textChars();
            int off = p.textOffset();
            int len = p.textLength();
            if (len == 0 || len > 18) {
                throw new BadFrame(reason, symbol, field + " is not an integer string: '" + p.text() + "'");
            }
            long n = 0;
            for (int i = off; i < off + len; i++) {
                char c = b[i];
                if (c < '0' || c > '9') {
                    throw new BadFrame(reason, symbol, field + " is not an integer string: '" + p.text() + "'");
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
        throw new BadFrame(reason, symbol, field + " is not an integer: " + v);
    }

    /** An RFC 3339 timestamp string as epoch microseconds. */
    public static long rfc3339Micros(JsonCursor p, Token v, String symbol, String field) throws JsonException, BadFrame {
        if (v != Token.VALUE_STRING) {
            throw new BadFrame(QuarantineReason.INVALID_TIMESTAMP, symbol, field + " is not a string");
        }
        long micros = Rfc3339.parseMicros(p.textChars(), p.textOffset(), p.textLength());
        if (micros == Rfc3339.INVALID) {
            throw new BadFrame(QuarantineReason.INVALID_TIMESTAMP, symbol, "bad " + field + ": " + p.text());
        }
        return micros;
    }

    /** Checks a book level read into two decimals: qty ≥ 0, price &gt; 0. */
    public static void checkLevel(long pm, int ps, long qm, int qs, String symbol) throws BadFrame {
        if (qm < 0) {
            throw new BadFrame(QuarantineReason.NEGATIVE_QTY, symbol, "qty " + ExactMath.toPlainString(qm, qs));
        }
        if (pm <= 0) {
            throw new BadFrame(QuarantineReason.NON_POSITIVE_PRICE, symbol, "price " + ExactMath.toPlainString(pm, ps));
        }
    }

    /** Checks a trade's price and qty: qty &gt; 0, price &gt; 0. */
    public static void checkTrade(long pm, int ps, long qm, int qs, String symbol) throws BadFrame {
        if (qm < 0) {
            throw new BadFrame(QuarantineReason.NEGATIVE_QTY, symbol, "trade qty " + ExactMath.toPlainString(qm, qs));
        }
        if (qm == 0) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol, "trade qty is zero");
        }
        if (pm <= 0) {
            throw new BadFrame(QuarantineReason.NON_POSITIVE_PRICE, symbol, "trade price " + ExactMath.toPlainString(pm, ps));
        }
    }
}
