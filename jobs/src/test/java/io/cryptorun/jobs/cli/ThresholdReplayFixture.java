package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.venue.kraken.KrakenBookChecksum;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.history.BarHistoryLineDecoder;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written Kraken frames and 1h history for the replay-level threshold tests (issue 11):
 * {@link ExactThresholdReplayTest}, {@link ThresholdTableReplayTest}. History ends and frames begin
 * at {@link #T0}; one level a side per book, every book re-sent every 20 s on {@code kraken-0} so
 * each stays fresh to {@link #end}; three SIS/USD trades keep the clock moving. {@link #replay}
 * runs the real job ({@link ReplayRunner}, parallelism 1) and collects its outputs.
 */
final class ThresholdReplayFixture {
    static final long T0 = 1_736_121_600_000_000L; // 2025-01-06T00:00:00Z: history ends, frames begin
    static final long S = 1_000_000L;
    static final long MIN = 60 * S;
    static final long H = 60 * MIN;
    static final int HISTORY_HOURS = 72;

    /** A symbol's book (one level a side) and its price/qty precision. */
    record Book(String symbol, int pp, int qp, String bid, String bidQty, String ask, String askQty) {}

    /** One history hour as written (exact decimal text); {@code null} in a symbol's array = no bar that hour. */
    record HistoryBar(String open, String high, String low, String close, String volume, String vwap) {}

    final long end;
    final int hours;
    final List<Book> books = new ArrayList<>();
    final Map<String, HistoryBar[]> history = new LinkedHashMap<>(); // symbol → the history hours (oldest first)
    JsonNode summary;
    final Map<Long, Map<String, JsonNode>> scores = new LinkedHashMap<>(); // tick → symbol → scores.jsonl row
    final List<JsonNode> bars = new ArrayList<>();
    final List<JsonNode> regime = new ArrayList<>();

    ThresholdReplayFixture(long end) {
        this(end, HISTORY_HOURS);
    }

    /** Frames from {@link #T0} to {@code end}, {@code hours} hours of history before {@link #T0}. */
    ThresholdReplayFixture(long end, int hours) {
        this.end = end;
        this.hours = hours;
    }

    /** Flat history at {@code close}, every hour's range {@code close ± half}, and {@code book}. */
    void flat(String symbol, double close, double half, Book book) {
        double[] c = new double[hours];
        java.util.Arrays.fill(c, close);
        closes(symbol, c, half);
        books.add(book);
    }

    /** +0.5 an hour to 112 at the last hour, which closes at {@code last}; book {@code last ± 0.01}. */
    void rising(String symbol, double last) {
        double[] c = new double[hours];
        for (int k = 0; k < hours; k++) {
            c[k] = 112 - 0.5 * (hours - 1 - k);
        }
        c[hours - 1] = last;
        closes(symbol, c, 0.25);
        String bid = BigDecimal.valueOf(last).subtract(new BigDecimal("0.01")).setScale(2).toPlainString();
        String ask = BigDecimal.valueOf(last).add(new BigDecimal("0.01")).setScale(2).toPlainString();
        books.add(new Book(symbol, 2, 8, bid, "5000", ask, "5000"));
    }

    /** History from closes: open = the previous close, high/low = max/min(open, close) ± half, volume 1000, vwap = close. */
    void closes(String symbol, double[] c, double half) {
        HistoryBar[] out = new HistoryBar[c.length];
        for (int k = 0; k < c.length; k++) {
            double o = k == 0 ? c[k] : c[k - 1];
            out[k] = new HistoryBar(dec(o), dec(Math.max(o, c[k]) + half), dec(Math.min(o, c[k]) - half), dec(c[k]),
                    "1000", dec(c[k]));
        }
        history.put(symbol, out);
    }

    private static String dec(double v) {
        return BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Runs the replay into {@code tmp/out} and reads summary, scores, bars and regime. */
    void replay(Path tmp) throws Exception {
        Path fixture = tmp.resolve("frames.jsonl");
        Files.write(fixture, frames(), StandardCharsets.UTF_8);
        Path hist = tmp.resolve("history-1h.csv");
        Files.write(hist, historyLines(), StandardCharsets.UTF_8);
        ReplayOptions o = new ReplayOptions();
        o.parallelism = 1;
        o.speed = 0;
        o.checkpointIntervalMs = 500;
        ReplayRunner.Result r = ReplayRunner.run(fixture, hist, tmp.resolve("out"), o, false,
                new PrintStream(PrintStream.nullOutputStream()));
        ObjectMapper json = new ObjectMapper();
        summary = json.readTree(r.summaryJson());
        for (String line : Files.readAllLines(tmp.resolve("out").resolve(OutputFiles.SCORES))) {
            JsonNode n = json.readTree(line);
            scores.computeIfAbsent(n.path("ts").asLong(), t -> new LinkedHashMap<>()).put(n.path("symbol").asText(), n);
        }
        for (String line : Files.readAllLines(tmp.resolve("out").resolve(OutputFiles.BARS))) bars.add(json.readTree(line));
        for (String line : Files.readAllLines(tmp.resolve("out").resolve(OutputFiles.REGIME))) regime.add(json.readTree(line));
    }

    /** The scores.jsonl rows of tick {@code ts} by symbol (empty if none). */
    Map<String, JsonNode> at(long ts) {
        return scores.getOrDefault(ts, Map.of());
    }

    List<String> historyLines() {
        List<String> out = new ArrayList<>();
        out.add(BarHistoryLineDecoder.HEADER);
        for (int k = 0; k < hours; k++) {
            long open = T0 - (long) (hours - k) * H;
            for (Map.Entry<String, HistoryBar[]> e : history.entrySet()) {
                HistoryBar b = e.getValue()[k];
                if (b == null) continue;
                out.add(String.join(",", "kraken", e.getKey(), "1h", Instant.ofEpochSecond(open / S).toString(), b.open(),
                        b.high(), b.low(), b.close(), b.volume(), "50", b.vwap()));
            }
        }
        return out;
    }

    List<String> frames() {
        List<String> lines = new ArrayList<>();
        long ts = T0 + 500;
        line(lines, ts, "{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"system\":\"online\",\"version\":\"2.0.9\"}]}");
        StringBuilder pairs = new StringBuilder();
        for (Book b : books) {
            if (pairs.length() > 0) pairs.append(',');
            String base = b.symbol().substring(0, b.symbol().indexOf('/'));
            pairs.append("{\"symbol\":\"").append(b.symbol()).append("\",\"base\":\"").append(base)
                    .append("\",\"quote\":\"USD\",\"status\":\"online\",\"price_precision\":").append(b.pp())
                    .append(",\"qty_precision\":").append(b.qp()).append('}');
        }
        line(lines, ts += 500, "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[],\"pairs\":[" + pairs + "]}}");
        for (Book b : books) {
            line(lines, ts += 100, "{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"snapshot\":true,\"symbol\":\""
                    + b.symbol() + "\"},\"success\":true}");
        }
        long tradeId = 1;
        long[] tradeTimes = {T0 + 30 * S, T0 + 61 * MIN + 10 * S, T0 + 62 * MIN + 10 * S};
        int nextTrade = 0;
        // every book re-sent every 20 s, so each stays fresh to the end of the input
        for (long round = T0 + 100_000; round <= end; round += 20 * S) {
            long t = round;
            while (nextTrade < tradeTimes.length && tradeTimes[nextTrade] <= t) {
                long tt = tradeTimes[nextTrade++];
                line(lines, tt, "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"SIS/USD\",\"side\":\"buy\","
                        + "\"price\":50.0200,\"qty\":1.00000000,\"ord_type\":\"market\",\"trade_id\":" + tradeId++
                        + ",\"timestamp\":\"" + Instant.ofEpochSecond(tt / S, (tt % S) * 1000) + "\"}]}");
            }
            for (Book b : books) {
                line(lines, t += 100, snapshot(b));
            }
        }
        line(lines, end, "{\"channel\":\"heartbeat\"}");
        lines.sort(java.util.Comparator.comparingLong(l -> FixtureLine.parse(l).ts()));
        return lines;
    }

    private static String snapshot(Book b) {
        OrderBook ref = new OrderBook("kraken", b.symbol());
        ref.setPrecision(b.pp(), b.qp());
        ref.setBid(Decimal.parse(b.bid()).unscaledAt(b.pp()), Decimal.parse(b.bidQty()).unscaledAt(b.qp()));
        ref.setAsk(Decimal.parse(b.ask()).unscaledAt(b.pp()), Decimal.parse(b.askQty()).unscaledAt(b.qp()));
        long crc = new KrakenBookChecksum().compute(ref);
        return "{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"" + b.symbol() + "\",\"bids\":[{\"price\":"
                + b.bid() + ",\"qty\":" + b.bidQty() + "}],\"asks\":[{\"price\":" + b.ask() + ",\"qty\":" + b.askQty()
                + "}],\"checksum\":" + crc + "}]}";
    }

    private static void line(List<String> lines, long ts, String frame) {
        lines.add(new FixtureLine(ts, "kraken", "kraken-0", frame).toJson());
    }
}
