package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the late-fill window (receive time of the first frame past the tick − tick ≤ 30 s) at
 * replay level (same {@link ThresholdReplayFixture}). Three symbols, each on a Kraken connection of
 * its own, whose only frames after the start are a book snapshot once a minute at the minute + 30 s
 * (EQ), + 30 s − 1 µs (DN) and + 30 s + 1 µs (UP): the first frame past every scan tick on that
 * connection. EQ's arrival is exactly 30 s after the tick (passes: ≤), DN's one µs less (passes),
 * UP's one µs more ({@code late_fill}). Verdicts from {@code scores.jsonl} at 00:01, 00:02 and 00:03.
 *
 * <p>Flipping {@code ≤} to {@code <} ({@code max_late_fill_s} in {@code GateEvaluator}) fails the EQ
 * rows: checked once by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateFillReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final long S = ThresholdReplayFixture.S;
    static final long MIN = ThresholdReplayFixture.MIN;

    final ThresholdReplayFixture fx = new ThresholdReplayFixture(T0 + 4 * MIN + 45 * S);

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000")); // the trades' symbol
        long[] offsets = {30 * S, 30 * S - 1, 30 * S + 1};
        String[] names = {"LFEQ/USD", "LFDN/USD", "LFUP/USD"};
        for (int i = 0; i < names.length; i++) {
            fx.flat(names[i], 100, 0.5, new Book(names[i], 2, 8, "99.99", "5000", "100.01", "5000"));
            fx.ownConnection.put(names[i], offsets[i]);
        }
        fx.replay(tmp);
    }

    @ParameterizedTest(name = "{0} at 00:0{1}: first frame past the tick received at +{2} µs → {3}")
    @CsvSource({
            "LFEQ/USD, 1, 30000000, []", "LFEQ/USD, 2, 30000000, []", "LFEQ/USD, 3, 30000000, []",
            "LFDN/USD, 1, 29999999, []", "LFDN/USD, 2, 29999999, []", "LFDN/USD, 3, 29999999, []",
            "LFUP/USD, 1, 30000001, [late_fill]", "LFUP/USD, 2, 30000001, [late_fill]",
            "LFUP/USD, 3, 30000001, [late_fill]"})
    void lateFillWindowExactlyOnAndOneMicrosecondEitherSide(String symbol, int minute, long lateMicros, String reasons) {
        JsonNode n = fx.at(T0 + minute * MIN).get(symbol);
        assertThat(n).as("%s scored at 00:0%d", symbol, minute).isNotNull();
        List<String> got = new ArrayList<>();
        n.path("gates").path("late_fill").path("reasons").forEach(r -> got.add(r.asText()));
        assertThat(got.toString()).as("%s", n.path("gates")).isEqualTo(reasons);
        assertThat(n.path("inputs").path("venues_valid").asInt()).isEqualTo(1);
    }
}
