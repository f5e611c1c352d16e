package io.cryptorun.sources.history;

import io.cryptorun.sources.time.Micros;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.LineOutput;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.time.Rfc3339;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bar-history CSV rows to {@link HistoryRecord}s. Format: header row exactly {@link #HEADER},
 * then one bar per row, sorted by {@code open_time}; no quoting (no field may contain a comma);
 * {@code open_time} RFC 3339 in UTC, aligned to the interval; numbers as plain or exponent
 * decimal text, parsed exactly (never through {@code double}); {@code interval} {@code 1h}.
 *
 * <p>Bad rows become quarantine records (reason, {@code file:line} and the raw row), are logged
 * and counted by the reader's {@code quarantined} metric. Quarantine fields for history:
 * {@code conn} = file name, {@code frameOrdinal} = line number, {@code frame} = the row,
 * {@code receiveTimeMicros} = the row's known-at time (see {@link HistoryRecord#timestampMillis()}),
 * or that of the previous row when the row's time cannot be read.
 */
public final class BarHistoryLineDecoder implements LineDecoder<HistoryRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BarHistoryLineDecoder.class);

    public static final String HEADER = "venue,symbol,interval,open_time,open,high,low,close,volume,trades,vwap";
    static final int COLUMNS = 11;
    static final int MAX_LINE_CHARS = 4096;
    private static final long INTERVAL_MICROS = Bar.intervalMicros(Bar.H1);

    @Override
    public ReaderDecoder<HistoryRecord> createReaderDecoder() {
        return FileState::new;
    }

    @Override
    public int maxLineChars() {
        return MAX_LINE_CHARS;
    }

    /** Strips a UTF-8 byte-order mark, which spreadsheet exports put before the header. */
    static String withoutBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    /** The known-at time (µs) of a row whose bar opens at {@code openMicros}: its last millisecond. */
    static long knownAtMicros(long openMicros) {
        return openMicros + INTERVAL_MICROS - 1000L;
    }

    private static final class FileState implements FileDecoder<HistoryRecord> {
        private final String fileName;
        private boolean firstLineSeen;
        private boolean headerOk;
        /** Open time of the last good row (µs); rows must not go back before it. */
        private long lastOpen = Long.MIN_VALUE;
        /** True while replaying consumed lines on restore: state only, no logging. */
        private boolean skipping;

        FileState(String path) {
            Path name = Path.of(path).getFileName();
            this.fileName = name == null ? path : name.toString();
        }

        @Override
        public void decode(String line, long lineNumber, LineOutput<HistoryRecord> out) {
            if (!firstLineSeen) {
                firstLineSeen = true;
                headerOk = withoutBom(line).equals(HEADER);
                if (!headerOk) {
                    bad(out, line, lineNumber, "", "", QuarantineReason.BAD_HISTORY_HEADER,
                            "first line is not the header '" + HEADER + "'; every row of this file is refused", Long.MIN_VALUE);
                }
                return;
            }
            if (!headerOk) {
                bad(out, line, lineNumber, "", "", QuarantineReason.BAD_HISTORY_HEADER, "file has no valid header", Long.MIN_VALUE);
                return;
            }
            String[] f = line.split(",", -1);
            if (f.length != COLUMNS) {
                bad(out, line, lineNumber, "", "", QuarantineReason.BAD_HISTORY_ROW,
                        "expected " + COLUMNS + " columns, got " + f.length, Long.MIN_VALUE);
                return;
            }
            String venue = f[0];
            String symbol = f[1];
            long open = openTime(f[3]);
            if (venue.isEmpty() || symbol.indexOf('/') <= 0 || symbol.indexOf('/') == symbol.length() - 1) {
                bad(out, line, lineNumber, venue, symbol, QuarantineReason.BAD_HISTORY_ROW,
                        "venue must be non-empty and symbol BASE/QUOTE", open);
                return;
            }
            if (!Bar.H1.equals(f[2])) {
                bad(out, line, lineNumber, venue, symbol, QuarantineReason.UNSUPPORTED_INTERVAL,
                        "interval '" + f[2] + "' is not supported (only 1h)", open);
                return;
            }
            if (open == Rfc3339.INVALID) {
                bad(out, line, lineNumber, venue, symbol, QuarantineReason.INVALID_TIMESTAMP,
                        "open_time '" + f[3] + "' is not an RFC 3339 UTC time", open);
                return;
            }
            if (Math.floorMod(open, INTERVAL_MICROS) != 0) {
                bad(out, line, lineNumber, venue, symbol, QuarantineReason.INVALID_TIMESTAMP,
                        "open_time '" + f[3] + "' is not aligned to the 1h interval", open);
                return;
            }
            if (lastOpen != Long.MIN_VALUE && open < lastOpen) {
                bad(out, line, lineNumber, venue, symbol, QuarantineReason.OUT_OF_ORDER,
                        "open_time " + f[3] + " is before the previous row's " + Rfc3339.formatMicros(lastOpen), open);
                return;
            }
            Decimal o, h, l, c, vol, vwap;
            long trades;
            String field = "open";
            try {
                o = Decimal.parse(f[4]);
                field = "high";
                h = Decimal.parse(f[5]);
                field = "low";
                l = Decimal.parse(f[6]);
                field = "close";
                c = Decimal.parse(f[7]);
                field = "volume";
                vol = Decimal.parse(f[8]);
                field = "trades";
                trades = Decimal.parse(f[9]).unscaledAt(0);
                field = "vwap";
                vwap = Decimal.parse(f[10]);
            } catch (RuntimeException e) {
                bad(out, line, lineNumber, venue, symbol, QuarantineReason.INVALID_NUMBER,
                        field + ": " + e.getMessage(), open);
                return;
            }
            String problem = inconsistency(o, h, l, c, vol, trades, vwap);
            if (problem != null) {
                String reason = problem.startsWith("price") ? QuarantineReason.NON_POSITIVE_PRICE : QuarantineReason.INCONSISTENT_BAR;
                bad(out, line, lineNumber, venue, symbol, reason, problem, open);
                return;
            }
            lastOpen = open;
            out.lineTime(open);
            Bar bar = new Bar(venue, symbol, Bar.H1, open, o, h, l, c, vol, trades, vwap, Bar.ORIGIN_HISTORY);
            out.emit(HistoryRecord.of(bar), Micros.toMillis(bar.closeTimeMicros()) - 1);
        }

        @Override
        public void skip(String line, long lineNumber) {
            skipping = true;
            try {
                decode(line, lineNumber, LineOutput.discarding());
            } finally {
                skipping = false;
            }
        }

        @Override
        public void oversizeLine(String prefix, long lengthChars, long lineNumber, LineOutput<HistoryRecord> out) {
            // Changes no state (restore does not replay oversize lines), so an oversize first line
            // is refused and the next line is still checked as the header.
            bad(out, prefix, lineNumber, "", "", QuarantineReason.BAD_HISTORY_ROW,
                    "row of " + lengthChars + " chars exceeds " + MAX_LINE_CHARS, Long.MIN_VALUE);
        }

        /** Row invariants; {@code null} when the bar is consistent. */
        private static String inconsistency(Decimal o, Decimal h, Decimal l, Decimal c, Decimal vol, long trades, Decimal vwap) {
            if (o.signum() <= 0 || h.signum() <= 0 || l.signum() <= 0 || c.signum() <= 0) {
                return "prices must be positive";
            }
            Decimal maxOc = o.compareTo(c) >= 0 ? o : c;
            Decimal minOc = o.compareTo(c) <= 0 ? o : c;
            if (h.compareTo(maxOc) < 0) return "high " + h + " is below max(open, close) " + maxOc;
            if (l.compareTo(minOc) > 0) return "low " + l + " is above min(open, close) " + minOc;
            if (vol.signum() < 0) return "volume " + vol + " is negative";
            if (trades < 0) return "trades " + trades + " is negative";
            if (vwap.signum() < 0) return "vwap " + vwap + " is negative";
            return null;
        }

        private static long openTime(String text) {
            // UTC only: an offset in a file that must be UTC points at a producer bug
            if (!(text.endsWith("Z") || text.endsWith("z") || text.endsWith("+00:00"))) return Rfc3339.INVALID;
            return Rfc3339.parseMicros(text);
        }

        /**
         * Emits a bad row in place. Its line time is its own open time when readable and not
         * before the previous row, else the previous row's, so it never reorders the merge.
         */
        private void bad(LineOutput<HistoryRecord> out, String line, long lineNumber, String venue, String symbol,
                String reason, String detail, long open) {
            long lineTime = open != Rfc3339.INVALID && open != Long.MIN_VALUE && (lastOpen == Long.MIN_VALUE || open >= lastOpen)
                    ? open : lastOpen;
            long knownAt = lineTime == Long.MIN_VALUE ? 0 : knownAtMicros(lineTime);
            if (lineTime != Long.MIN_VALUE) out.lineTime(lineTime);
            String where = fileName + ":" + lineNumber;
            if (!skipping) LOG.warn("Bad bar-history row {} ({}): {}", where, reason, detail);
            Quarantine q = new Quarantine(venue, symbol, reason, where + ": " + detail, knownAt, fileName, lineNumber, line);
            out.emitQuarantined(HistoryRecord.of(q), Micros.toMillis(knownAt));
        }
    }
}
