package io.cryptorun.sources.venue;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.MutableDecimal;
import io.cryptorun.sources.json.JsonCursor;
import io.cryptorun.sources.json.JsonCursor.Token;
import io.cryptorun.sources.json.JsonException;
import io.cryptorun.sources.json.TextCache;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import java.util.function.Consumer;

/**
 * What every venue adapter shares: the provenance of the frame being parsed, and the contract
 * that one frame yields its events or exactly one {@link Quarantine} — never an exception, since
 * input must not fail the job. Subclasses read and interpret; this class turns every way that
 * can fail into the quarantine record. Not thread-safe (one instance per reader).
 */
public abstract class FrameParser {
    private final String venue;
    /** Repeated short texts (types, channels, sides, symbols) without a String per frame. */
    protected final TextCache texts;
    /** Out-parameter of the exact number reads. */
    protected final MutableDecimal num = new MutableDecimal();
    private final Body parseFrame = this::readAndInterpret; // one instance, not one per frame

    protected String frame;
    protected long receiveMicros;
    protected String conn;
    protected long ordinal;

    /** @param knownTexts texts the adapter compares against, preloaded so equal texts are the same instance */
    protected FrameParser(String venue, String... knownTexts) {
        this.venue = venue;
        this.texts = new TextCache(knownTexts);
    }

    /** A string field's value (shared instance for repeated texts); anything else rejects the frame. */
    protected final String text(JsonCursor p, Token t, String field) throws JsonException, BadFrame {
        if (t != Token.VALUE_STRING) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "field '" + field + "' is not a string");
        }
        return texts.get(p.textChars(), p.textOffset(), p.textLength());
    }

    /** An exact decimal from a number or numeric string. */
    protected final Decimal decimal(JsonCursor p, Token t, String field) throws JsonException, BadFrame {
        FrameReads.decimal(p, t, num, null, field);
        return num.toDecimal();
    }

    /** What to do with one field of an object; the cursor is on the field's value, token {@code t}. */
    @FunctionalInterface
    protected interface FieldReader {
        void read(JsonCursor p, String name, Token t) throws JsonException, BadFrame;
    }

    /**
     * Reads the whole frame as one JSON object, each field through {@code fields}; anything but an
     * object, or content after it, rejects the frame.
     */
    protected static void readObjectFrame(JsonCursor p, FieldReader fields) throws JsonException, BadFrame {
        if (p.nextToken() != Token.START_OBJECT) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "frame is not a JSON object");
        }
        if (readFields(p, fields) != Token.END_OBJECT || p.nextToken() != null) {
            throw new BadFrame(QuarantineReason.MALFORMED_JSON, null, "trailing content after the frame object");
        }
    }

    /** Reads the fields of the object the cursor just entered, each through {@code fields}; returns the token after them. */
    protected static Token readFields(JsonCursor p, FieldReader fields) throws JsonException, BadFrame {
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String name = p.currentName();
            fields.read(p, name, p.nextToken());
        }
        return t;
    }

    /** Parses one frame; emits its events (or one quarantine) to {@code out}. */
    public final void parse(String frameText, long receiveTimeMicros, String connId, long frameOrdinal, Consumer<MarketEvent> out) {
        run(frameText, receiveTimeMicros, connId, frameOrdinal, "", out, parseFrame);
    }

    /** Reads the frame set by {@link #parse} and emits its events; failures throw. */
    protected abstract void readAndInterpret(Consumer<MarketEvent> out) throws JsonException, BadFrame;

    /** Clears per-frame scratch before each frame. */
    protected abstract void reset();

    /**
     * The symbol to put on a quarantine whose failure did not name one: what the frame said before
     * it failed validation (e.g. its product id); "" when unknown. Not used for syntax errors.
     */
    protected String symbolSoFar() {
        return "";
    }

    /** A body of work on one input text, run under the quarantine contract. */
    @FunctionalInterface
    protected interface Body {
        void run(Consumer<MarketEvent> out) throws JsonException, BadFrame;
    }

    /**
     * Sets provenance and scratch for {@code text}, runs {@code body}, quarantines any failure.
     *
     * @param inputSymbol the symbol the input is known to be about before reading it (a REST
     *                    request for one pair), else "": used on every quarantine that names none
     */
    protected final void run(String text, long receiveTimeMicros, String connId, long frameOrdinal, String inputSymbol,
            Consumer<MarketEvent> out, Body body) {
        this.frame = text;
        this.receiveMicros = receiveTimeMicros;
        this.conn = connId;
        this.ordinal = frameOrdinal;
        reset();
        try {
            body.run(out);
        } catch (BadFrame bad) {
            String symbol = bad.symbol() != null ? bad.symbol() : !inputSymbol.isEmpty() ? inputSymbol : symbolSoFar();
            out.accept(MarketEvent.of(quarantine(symbol, bad.reason(), bad.getMessage())));
        } catch (JsonException e) {
            out.accept(MarketEvent.of(quarantine(inputSymbol, QuarantineReason.MALFORMED_JSON, e.getMessage())));
        } catch (RuntimeException e) {
            // a bug, but input must never fail the job
            out.accept(MarketEvent.of(quarantine(inputSymbol, QuarantineReason.UNKNOWN_MESSAGE,
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
        } finally {
            this.frame = null;
        }
    }

    protected final Quarantine quarantine(String symbol, String reason, String detail) {
        return new Quarantine(venue, symbol == null ? "" : symbol, reason, detail, receiveMicros, conn, ordinal, frame);
    }
}
