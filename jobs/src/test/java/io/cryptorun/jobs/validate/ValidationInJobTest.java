package io.cryptorun.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.FileSinks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation operator in the real job graph: the first four minutes of the bundled kraken-0 capture with one
 * BTC/USD trade of minute 1 re-priced 20 % up (a single-trade frame, its trade id kept, so nothing upstream objects).
 * With validation on, that trade is in the quarantine output with reason {@code anomalous_trade} and is missing from
 * its 1m bar (one trade fewer, its size less volume, a high below its price); with it off, the same trade is in the
 * bar. Book-derived outputs (microstructure) are byte-identical either way: book updates never pass the validator.
 */
class ValidationInJobTest {
    static final long T0 = 1_736_121_600_000_000L;
    static final Pattern SINGLE_BTC_TRADE = Pattern.compile(
            "\\\\\"data\\\\\":\\[\\{\\\\\"symbol\\\\\":\\\\\"BTC/USD\\\\\",\\\\\"side\\\\\":\\\\\"\\w+\\\\\",\\\\\"price\\\\\":([0-9.]+),"
                    + "\\\\\"qty\\\\\":([0-9.]+),.*?\\\\\"timestamp\\\\\":\\\\\"([^\\\\]+)\\\\\"\\}\\]");

    @TempDir
    Path dir;

    @Test
    void aFlaggedTradeIsQuarantinedAndKeptOutOfItsBarBooksUntouched() throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of("..", "fixtures", "kraken-sim", "kraken-0.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) {
                long ts = Long.parseLong(l.substring(6, l.indexOf(',')));
                if (ts >= T0 + 240_000_000L) break;
                lines.add(l);
            }
        }
        String price = null, qty = null, time = null;
        for (int i = 0; i < lines.size() && price == null; i++) {
            String l = lines.get(i);
            long ts = Long.parseLong(l.substring(6, l.indexOf(',')));
            Matcher m = SINGLE_BTC_TRADE.matcher(l);
            if (ts >= T0 + 70_000_000L && m.find()) {
                price = m.group(1);
                qty = m.group(2);
                time = m.group(3);
                String spike = new BigDecimal(price).multiply(new BigDecimal("1.2")).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
                lines.set(i, l.replace("\\\"price\\\":" + price + ",", "\\\"price\\\":" + spike + ","));
                price = spike;
            }
        }
        assertThat(price).as("a single-trade BTC/USD frame after 00:01:10").isNotNull();
        Path frames = dir.resolve("frames.jsonl");
        Files.write(frames, lines);
        long minute = Instant.parse(time).getEpochSecond() / 60 * 60 * 1_000_000L;

        Path on = run(frames, "on", ValidationSettings.defaults());
        Path off = run(frames, "off", ValidationSettings.defaults().withEnabled(false));

        List<String> quarantined = read(on, "quarantine");
        assertThat(quarantined).singleElement().satisfies(q -> assertThat(q)
                .contains("\"symbol\":\"BTC/USD\"", "\"reason\":\"anomalous_trade\"", "\"detail\":\"spike: jump of "));
        assertThat(read(off, "quarantine")).isEmpty();

        String barOn = bar(read(on, "bars"), minute);
        String barOff = bar(read(off, "bars"), minute);
        BigDecimal volOn = new BigDecimal(field(barOn, "volume"));
        BigDecimal volOff = new BigDecimal(field(barOff, "volume"));
        assertThat(volOff.subtract(volOn)).isEqualByComparingTo(qty);
        assertThat(Long.parseLong(field(barOff, "trades")) - Long.parseLong(field(barOn, "trades"))).isEqualTo(1);
        assertThat(new BigDecimal(field(barOff, "high"))).isEqualByComparingTo(price);
        assertThat(new BigDecimal(field(barOn, "high"))).isLessThan(new BigDecimal(price));

        List<String> microOn = read(on, "microstructure");
        assertThat(microOn).isNotEmpty().isEqualTo(read(off, "microstructure"));
    }

    /**
     * Book states (issue 17): the same four minutes with the spike limit lowered to 2 bp, so that ordinary one-second
     * moves of the mids count as anomalous. Every microstructure record is still written, identical to the run without
     * validation but for a {@code "flags"} field on the flagged ones; and every score's bid/ask is that of the newest
     * <em>unflagged</em> record of its symbol at or before its tick — without validation, of the newest record (the
     * rule is checked on that run too, and at least one score must differ between the two, so the test can fail).
     */
    @Test
    void flaggedBookStatesAreWrittenWithTheirFlagsAndKeptOutOfTheScores() throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of("..", "fixtures", "kraken-sim", "kraken-0.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) {
                long ts = Long.parseLong(l.substring(6, l.indexOf(',')));
                if (ts >= T0 + 240_000_000L) break;
                lines.add(l);
            }
        }
        Path frames = dir.resolve("frames.jsonl");
        Files.write(frames, lines);
        ValidationSettings strict = new ValidationSettings(true, "hot", "a",
                io.cryptorun.functions.validate.ValidationConfig.defaults().withSpikeBps(new BigDecimal("2")), true);
        Path history = Path.of("..", "fixtures", "kraken-sim", "history-1h.csv.gz"); // so that the ticks are scored
        Path on = run(frames, history, "strict", strict);
        Path off = run(frames, history, "off", ValidationSettings.defaults().withEnabled(false));

        List<String> microOn = read(on, "microstructure");
        List<String> flagged = microOn.stream().filter(l -> l.contains(",\"flags\":[")).toList();
        assertThat(flagged).as("flagged records").isNotEmpty();
        assertThat(flagged).allSatisfy(l -> assertThat(l).contains("\"flags\":[\"book_spike: jump of "));
        List<String> unflaggedOn = microOn.stream().map(l -> l.replaceFirst(",\"flags\":\\[.*\\]}$", "}")).sorted().toList();
        assertThat(unflaggedOn).as("every record written, unchanged but for its flags").isEqualTo(read(off, "microstructure"));

        List<String> scoresOn = read(on, "scores");
        List<String> scoresOff = read(off, "scores");
        assertThat(scoresOn).isNotEmpty().hasSameSizeAs(scoresOff);
        assertThat(bidAskOf(scoresOff)).as("without validation: the newest record at or before the tick")
                .isEqualTo(expectedBidAsk(scoresOff, read(off, "microstructure"), false));
        assertThat(bidAskOf(scoresOn)).as("with it: the newest unflagged one")
                .isEqualTo(expectedBidAsk(scoresOn, microOn, true));
        assertThat(bidAskOf(scoresOn)).as("some score saw a different book").isNotEqualTo(bidAskOf(scoresOff));
    }

    private static final Pattern SCORE_KEY = Pattern.compile("^\\{\"ts\":(\\d+),\"symbol\":\"([^\"]+)\"");

    /** "symbol ts bid ask" of every score line. */
    private static List<String> bidAskOf(List<String> scores) {
        List<String> out = new ArrayList<>();
        for (String l : scores) {
            Matcher k = SCORE_KEY.matcher(l);
            assertThat(k.find()).isTrue();
            out.add(k.group(2) + " " + k.group(1) + " " + field(l, "bid") + " " + field(l, "ask"));
        }
        out.sort(null);
        return out;
    }

    /** What {@link #bidAskOf} should be: per score, the bid/ask of the newest (unflagged) record with ts ≤ the tick. */
    private static List<String> expectedBidAsk(List<String> scores, List<String> micro, boolean skipFlagged) {
        java.util.Map<String, java.util.TreeMap<Long, String>> bySymbol = new java.util.HashMap<>();
        for (String m : micro) {
            if (skipFlagged && m.contains(",\"flags\":[")) continue;
            Matcher k = Pattern.compile("^\\{\"ts\":(\\d+),\"venue\":\"[^\"]+\",\"symbol\":\"([^\"]+)\"").matcher(m);
            assertThat(k.find()).isTrue();
            bySymbol.computeIfAbsent(k.group(2), s -> new java.util.TreeMap<>()).put(Long.parseLong(k.group(1)),
                    field(m, "bid") + " " + field(m, "ask"));
        }
        List<String> out = new ArrayList<>();
        for (String l : scores) {
            Matcher k = SCORE_KEY.matcher(l);
            assertThat(k.find()).isTrue();
            var e = bySymbol.getOrDefault(k.group(2), new java.util.TreeMap<>()).floorEntry(Long.parseLong(k.group(1)));
            out.add(k.group(2) + " " + k.group(1) + " " + (e == null ? "none" : e.getValue()));
        }
        out.sort(null);
        return out;
    }

    private Path run(Path frames, String name, ValidationSettings validation) throws Exception {
        return run(frames, null, name, validation);
    }

    private Path run(Path frames, Path history, String name, ValidationSettings validation) throws Exception {
        Path out = dir.resolve(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        new ScannerJob(ScannerInputs.fixtures(frames, history, 0, null), FileSinks.outputs(out), AnalyticsSettings.defaults(),
                validation).build(env);
        env.execute("validation-" + name);
        return out;
    }

    /** Every committed line of a stream's part files, sorted. */
    private static List<String> read(Path out, String stream) throws Exception {
        Path root = out.resolve("_parts").resolve(stream);
        if (!Files.isDirectory(root)) return List.of();
        List<String> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                all.addAll(Files.readAllLines(p));
            }
        }
        all.sort(null);
        return all;
    }

    private static String bar(List<String> bars, long minute) {
        return bars.stream().filter(b -> b.startsWith("{\"ts\":" + minute + ",\"venue\":\"kraken\",\"symbol\":\"BTC/USD\",\"interval\":\"1m\""))
                .findFirst().orElseThrow(() -> new AssertionError("no 1m BTC/USD bar at " + minute));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([0-9.]+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
