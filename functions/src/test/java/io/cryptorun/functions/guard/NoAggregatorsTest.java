package io.cryptorun.functions.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.LineOutput;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4's guard, run by {@code mvn test} in CI: no aggregator host in the main code of
 * {@code sources} and {@code functions} (where every microstructure code path lives), and the
 * microstructure path itself takes only venue-native book records — the fixture decoder has no
 * adapter for an aggregator, and the book operator refuses a book record of any venue that is not
 * one of the four exchanges.
 */
@SuppressWarnings("try")
class NoAggregatorsTest {
    /** Main code and resources of both modules; the test runs with {@code functions/} as working directory. */
    static final List<Path> MICROSTRUCTURE_CODE = List.of(Path.of("..", "sources", "src", "main"), Path.of("src", "main"));

    @TempDir
    Path tmp;

    @Test
    void noAggregatorInSourcesOrFunctionsMainCode() {
        assertThat(MICROSTRUCTURE_CODE).allSatisfy(p -> assertThat(p).isDirectory());
        assertThat(AggregatorGuard.fileCount(MICROSTRUCTURE_CODE)).as("files scanned").isGreaterThan(100);
        assertThat(AggregatorGuard.scan(MICROSTRUCTURE_CODE)).isEmpty();
    }

    /** The guard can fail: a planted host, URL or constant in a copy of a tree is found, with file and line. */
    @Test
    void guardFindsAPlantedAggregator() throws Exception {
        Path java = tmp.resolve("src/main/java/x/Prices.java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "package x;\nclass Prices {\n  static final String URL = \"https://api.CoinGecko.com/api/v3/simple/price\";\n}\n");
        Path conf = tmp.resolve("src/main/resources/feeds.yaml");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "quotes:\n  fallback: DEXSCREENER\n");
        assertThat(AggregatorGuard.scan(List.of(tmp))).containsExactly(java + ":3: coingecko", conf + ":2: dexscreener");
        Files.writeString(java, "package x;\nclass Prices {}\n");
        Files.writeString(conf, "quotes: {}\n");
        assertThat(AggregatorGuard.scan(List.of(tmp))).isEmpty();
    }

    @Test
    void onlyTheFourExchangesHaveABookRule() {
        assertThat(VenueBookRules.VENUES).containsExactly("kraken", "coinbase", "bitstamp", "gemini");
        for (String aggregator : AggregatorGuard.AGGREGATORS) {
            assertThat(VenueBookRules.isSupported(aggregator)).as(aggregator).isFalse();
        }
    }

    @Test
    void fixtureDecoderHasNoAdapterForAnAggregator() {
        var file = new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES).createReaderDecoder().openFile("agg.jsonl");
        List<MarketEvent> out = new ArrayList<>();
        LineOutput<MarketEvent> collect = LineOutput.to(out::add);
        long n = 0;
        for (String aggregator : AggregatorGuard.AGGREGATORS) {
            file.decode(new FixtureLine(1_736_121_600_000_000L, aggregator, aggregator + "-0",
                    "{\"bitcoin\":{\"usd\":98432.1}}").toJson(), ++n, collect);
        }
        assertThat(out).hasSize(AggregatorGuard.AGGREGATORS.size())
                .allSatisfy(e -> assertThat(e.quarantine().reason()).isEqualTo(QuarantineReason.UNKNOWN_VENUE));
    }

    /** A well-formed book record claiming an aggregator as its venue gets no book and no microstructure. */
    @Test
    void bookOperatorRefusesBookRecordsOfAnyOtherVenue() throws Exception {
        long t = 1_736_121_600_000_000L;
        OrderBookFunction f = new OrderBookFunction();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, Microstructure>(
                new KeyedProcessOperator<>(f), OrderBookFunction.KEY_SELECTOR, Types.STRING)) {
            h.open();
            long i = 0;
            for (String aggregator : AggregatorGuard.AGGREGATORS) {
                EventHeader hd = new EventHeader(aggregator, "BTC/USD", t, t, aggregator, i++);
                MarketEvent snapshot = MarketEvent.of(new BookSnapshot(hd, 1, 8, new long[] {984321}, new long[] {100000000},
                        new long[] {984322}, new long[] {100000000}, BookSnapshot.NO_CHECKSUM));
                MarketEvent delta = MarketEvent.of(new BookDelta(hd.withExchangeTime(t + 2_000_000), 1, 8, new long[] {984320},
                        new long[] {1}, new long[0], new long[0], BookSnapshot.NO_CHECKSUM));
                h.processElement(new StreamRecord<>(snapshot, t / 1000));
                h.processElement(new StreamRecord<>(delta, t / 1000 + 2000));
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            List<Quarantine> q = new ArrayList<>();
            h.getSideOutput(OrderBookFunction.QUARANTINE).forEach(r -> q.add(r.getValue()));
            assertThat(q).hasSize(2 * AggregatorGuard.AGGREGATORS.size())
                    .allSatisfy(x -> assertThat(x.reason()).isEqualTo(QuarantineReason.UNKNOWN_VENUE));
            assertThat(f.counts()).containsEntry("book_snapshots", 0L).containsEntry("microstructure", 0L);
        }
    }
}
