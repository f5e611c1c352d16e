package io.cryptorun.sources.venue;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.LineOutput;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz tests of every venue adapter with Jazzer's JUnit integration: no exception
 * escapes an adapter, and every frame gives its events or exactly one quarantine with the frame's
 * provenance ({@link VenueFuzz#parseAndCheck}). The fixture decoder, which routes lines to the
 * adapters, is fuzzed as a whole too.
 *
 * <p>{@code mvn test} runs these in Jazzer's regression mode: each test replays its seed inputs
 * ({@code src/test/resources/io/cryptorun/sources/venue/VenueParsersJazzerTestInputs/<test>/}, real
 * frame shapes from the simulated fixtures) plus any crash reproducers found earlier — a short,
 * deterministic run. A fuzzing session runs one test with {@code JAZZER_FUZZ=1} (docs/QA.md).
 * Parsers are reused across inputs, as on a connection, so state leaking between frames shows up.
 */
class VenueParsersJazzerTest {
    private static final KrakenV2Parser KRAKEN = new KrakenV2Parser();
    private static final CoinbaseParser COINBASE = new CoinbaseParser();
    private static final AdvancedTradeParser COINBASE_ADVANCED = new AdvancedTradeParser();
    private static final BitstampParser BITSTAMP = new BitstampParser();
    private static final GeminiParser GEMINI = new GeminiParser();
    private static final String[] REST_PAIRS = {"btcusd", "ETHUSD", "usdcusdt", "btcxyz", ""};
    private static final LineDecoder.FileDecoder<MarketEvent> LINES =
            new FixtureLineDecoder(4096).createReaderDecoder().openFile("fuzz.jsonl");
    private static long ordinal;

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    @FuzzTest(maxDuration = "60s")
    void kraken(byte[] input) {
        VenueFuzz.parseAndCheck(KrakenV2Parser.VENUE, KRAKEN::parse, text(input), ordinal++);
    }

    @FuzzTest(maxDuration = "60s")
    void coinbase(byte[] input) {
        VenueFuzz.parseAndCheck(CoinbaseParser.VENUE, COINBASE::parse, text(input), ordinal++);
    }

    @FuzzTest(maxDuration = "60s")
    void coinbaseAdvanced(byte[] input) {
        VenueFuzz.parseAndCheck(AdvancedTradeParser.VENUE, COINBASE_ADVANCED::parse, text(input), ordinal++);
    }

    @FuzzTest(maxDuration = "60s")
    void bitstamp(byte[] input) {
        VenueFuzz.parseAndCheck(BitstampParser.VENUE, BITSTAMP::parse, text(input), ordinal++);
    }

    /** The REST order book body, for a pair chosen by the input's length (valid, upper case, unknown quote, empty). */
    @FuzzTest(maxDuration = "60s")
    void bitstampRest(byte[] input) {
        String pair = REST_PAIRS[input.length % REST_PAIRS.length];
        VenueFuzz.parseAndCheck(BitstampParser.VENUE,
                (body, recv, conn, ord, out) -> BITSTAMP.parseRestSnapshot(body, pair, recv, conn, ord, out), text(input), ordinal++);
    }

    @FuzzTest(maxDuration = "60s")
    void gemini(byte[] input) {
        VenueFuzz.parseAndCheck(GeminiParser.VENUE, GEMINI::parse, text(input), ordinal++);
    }

    /** Whole fixture lines (any venue, REST lines, oversize frames): decoding never throws, every quarantine has a reason. */
    @FuzzTest(maxDuration = "60s")
    void fixtureLine(byte[] input) {
        LINES.decode(text(input), ++ordinal, new LineOutput<>() {
            @Override
            public void lineTime(long epochMicros) {}

            @Override
            public void emit(MarketEvent e, long timestampMillis) {
                assertThat(e.kind()).isNotEqualTo(EventKind.QUARANTINE);
                assertThat(e.header().venue()).isIn(KrakenV2Parser.VENUE, CoinbaseParser.VENUE, BitstampParser.VENUE,
                        GeminiParser.VENUE);
            }

            @Override
            public void emitQuarantined(MarketEvent e, long timestampMillis) {
                assertThat(e.kind()).isEqualTo(EventKind.QUARANTINE);
                assertThat(e.quarantine().reason()).isNotBlank();
            }
        });
    }
}
