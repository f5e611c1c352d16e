package io.cryptorun.functions.regime;

import static io.cryptorun.functions.regime.Regime.CHOPPY;
import static io.cryptorun.functions.regime.Regime.HIGH_VOL;
import static io.cryptorun.functions.regime.Regime.TRENDING_BULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RegimeVoteTest {
    private static final RegimeConfig C = RegimeConfig.defaults();
    private static final double NAN = Double.NaN;

    // ---- votes at and around every threshold (Math.nextDown/nextUp: the nearest doubles) ----

    static Stream<Arguments> realizedVolEdges() {
        return Stream.of(
                Arguments.of(0.60, HIGH_VOL),
                Arguments.of(Math.nextUp(0.60), HIGH_VOL),
                Arguments.of(Math.nextDown(0.60), CHOPPY),
                Arguments.of(0.0, CHOPPY),
                Arguments.of(5.0, HIGH_VOL),
                Arguments.of(NAN, CHOPPY));
    }

    @ParameterizedTest(name = "rv {0} → {1}")
    @MethodSource("realizedVolEdges")
    void realizedVolVote(double rv, Regime expected) {
        assertThat(RegimeVote.realizedVolVote(rv, C)).isEqualTo(expected);
    }

    static Stream<Arguments> breadthEdges() {
        return Stream.of(
                Arguments.of(0.60, 0.10, TRENDING_BULL),
                Arguments.of(Math.nextDown(0.60), 0.10, CHOPPY),
                Arguments.of(Math.nextUp(0.60), 0.90, TRENDING_BULL), // bull does not care about rv
                Arguments.of(1.0, NAN, TRENDING_BULL),
                Arguments.of(0.40, 0.45, HIGH_VOL),
                Arguments.of(0.40, Math.nextDown(0.45), CHOPPY), // low breadth but calm: not HIGH_VOL
                Arguments.of(Math.nextUp(0.40), 0.90, CHOPPY),
                Arguments.of(Math.nextDown(0.40), Math.nextUp(0.45), HIGH_VOL),
                Arguments.of(0.0, 0.45, HIGH_VOL),
                Arguments.of(0.0, NAN, CHOPPY), // rv undefined: the HIGH_VOL condition cannot hold
                Arguments.of(0.50, 0.90, CHOPPY),
                Arguments.of(NAN, 0.90, CHOPPY));
    }

    @ParameterizedTest(name = "breadth {0}, rv {1} → {2}")
    @MethodSource("breadthEdges")
    void breadthVote(double breadth, double rv, Regime expected) {
        assertThat(RegimeVote.breadthVote(breadth, rv, C)).isEqualTo(expected);
    }

    static Stream<Arguments> thrustEdges() {
        return Stream.of(
                Arguments.of(0.615, TRENDING_BULL),
                Arguments.of(Math.nextUp(0.615), TRENDING_BULL),
                Arguments.of(Math.nextDown(0.615), CHOPPY),
                Arguments.of(0.385, HIGH_VOL),
                Arguments.of(Math.nextDown(0.385), HIGH_VOL),
                Arguments.of(Math.nextUp(0.385), CHOPPY),
                Arguments.of(0.5, CHOPPY),
                Arguments.of(0.0, HIGH_VOL),
                Arguments.of(1.0, TRENDING_BULL),
                Arguments.of(NAN, CHOPPY));
    }

    @ParameterizedTest(name = "thrust {0} → {1}")
    @MethodSource("thrustEdges")
    void thrustVote(double thrust, Regime expected) {
        assertThat(RegimeVote.thrustVote(thrust, C)).isEqualTo(expected);
    }

    @Test
    void thresholdsComeFromConfig() {
        RegimeConfig strict = new RegimeConfig(0.80, 0.70, 0.30, 0.50, 0.70, 0.30, 2, 168, 8760, 20, 10);
        assertThat(RegimeVote.realizedVolVote(0.70, strict)).isEqualTo(CHOPPY);
        assertThat(RegimeVote.breadthVote(0.65, 0.9, strict)).isEqualTo(CHOPPY);
        assertThat(RegimeVote.breadthVote(0.35, 0.9, strict)).isEqualTo(CHOPPY);
        assertThat(RegimeVote.thrustVote(0.65, strict)).isEqualTo(CHOPPY);
        assertThat(RegimeVote.thrustVote(0.30, strict)).isEqualTo(HIGH_VOL);
        assertThatThrownBy(() -> new RegimeConfig(0.6, 0.4, 0.6, 0.45, 0.615, 0.385, 2, 168, 8760, 20, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- switching sequences ----

    /** Inputs that elect a given winner: B (bull, 2 votes), H (high vol, 3), C (choppy, 3), S (1-1-1 split). */
    private static double[] inputsFor(char winner) {
        return switch (winner) {
            case 'B' -> new double[] {0.30, 0.70, 0.70}; // rv CHOPPY, breadth BULL, thrust BULL
            case 'H' -> new double[] {0.70, 0.30, 0.30}; // all three HIGH_VOL
            case 'C' -> new double[] {0.30, 0.50, 0.50}; // all three CHOPPY
            case 'S' -> new double[] {0.70, 0.70, 0.50}; // HIGH_VOL, BULL, CHOPPY
            default -> throw new IllegalArgumentException(String.valueOf(winner));
        };
    }

    private static Regime regime(char c) {
        return switch (c) {
            case 'B' -> TRENDING_BULL;
            case 'H' -> HIGH_VOL;
            case 'C' -> CHOPPY;
            default -> throw new IllegalArgumentException(String.valueOf(c));
        };
    }

    @ParameterizedTest(name = "from {0}: ticks {1} → regimes {2}")
    @CsvSource({
        "C, B,        C",          // one bull tick is not enough
        "C, BB,       CB",         // two consecutive confirm
        "C, BBB,      CBB",        // and the streak keeps it
        "C, H,        H",          // HIGH_VOL is immediate
        "B, H,        H",
        "H, HH,       HH",
        "H, C,        H",          // leaving HIGH_VOL needs confirmation
        "H, CC,       HC",
        "H, BB,       HB",
        "H, CBCB,     HHHH",       // a flickering winner never leaves HIGH_VOL
        "B, CBC,      BBB",        // nor leaves TRENDING_BULL
        "B, CBCC,     BBBC",
        "C, BHB,      CHH",        // the bull streak is broken by the HIGH_VOL tick
        "C, BHBB,     CHHB",
        "B, CHCC,     BHHC",
        "C, S,        C",          // a split elects CHOPPY, which is already in force
        "B, S,        B",          // a split is a CHOPPY win and needs confirming like one
        "B, SS,       BC",
        "B, SC,       BC",         // split then CHOPPY: the same winner twice
        "H, SC,       HC",
        "C, BSB,      CCC",        // the split breaks the bull streak
    })
    void switchingRule(char initial, String ticks, String expected) {
        RegimeVote vote = new RegimeVote(C, regime(initial), null, 0);
        StringBuilder got = new StringBuilder();
        long ts = 0;
        for (char tick : ticks.toCharArray()) {
            double[] in = inputsFor(tick);
            Regime r = vote.vote(ts += 4 * 3_600_000_000L, in[0], in[1], in[2]).regime();
            got.append(r == TRENDING_BULL ? 'B' : r == HIGH_VOL ? 'H' : 'C');
        }
        assertThat(got.toString()).isEqualTo(expected);
    }

    @Test
    void threeConfirmationsWhenConfigured() {
        RegimeConfig three = new RegimeConfig(0.60, 0.60, 0.40, 0.45, 0.615, 0.385, 3, 168, 8760, 20, 10);
        RegimeVote vote = new RegimeVote(three);
        List<Regime> regimes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            regimes.add(vote.vote(i, 0.30, 0.70, 0.70).regime());
        }
        assertThat(regimes).containsExactly(CHOPPY, CHOPPY, TRENDING_BULL);
        assertThat(vote.vote(3, 0.70, 0.30, 0.30).regime()).isEqualTo(HIGH_VOL); // still immediate
    }

    // ---- confidence ----

    @Test
    void confidenceIsSupportForTheRegimeInForce() {
        RegimeVote vote = new RegimeVote(C);
        RegimeSnapshot s1 = vote.vote(1, 0.30, 0.70, 0.70); // winner BULL 2/3, but CHOPPY is held
        assertThat(s1.regime()).isEqualTo(CHOPPY);
        assertThat(s1.held()).isTrue();
        assertThat(s1.winner()).isEqualTo(TRENDING_BULL);
        assertThat(s1.confidence()).isEqualTo(1.0 / 3.0); // realized vol still votes CHOPPY
        RegimeSnapshot s2 = vote.vote(2, 0.30, 0.70, 0.70);
        assertThat(s2.regime()).isEqualTo(TRENDING_BULL);
        assertThat(s2.held()).isFalse();
        assertThat(s2.confidence()).isEqualTo(2.0 / 3.0); // = winning votes / 3
        RegimeSnapshot s3 = vote.vote(3, 0.70, 0.30, 0.30);
        assertThat(s3.confidence()).isEqualTo(1.0);
        RegimeSnapshot s4 = vote.vote(4, 0.30, 0.50, 0.50); // CHOPPY 3/3 wins, HIGH_VOL held on no votes
        assertThat(s4.regime()).isEqualTo(HIGH_VOL);
        assertThat(s4.confidence()).isEqualTo(0.0);
        RegimeSnapshot s5 = vote.vote(5, 0.70, 0.70, 0.50); // split: CHOPPY wins with 1 vote, confirmed
        assertThat(s5.regime()).isEqualTo(CHOPPY);
        assertThat(s5.confidence()).isEqualTo(1.0 / 3.0);
    }

    @Test
    void undefinedInputsVoteChoppy() {
        RegimeSnapshot s = new RegimeVote(C).vote(0, NAN, NAN, NAN);
        assertThat(s.votes()).isEqualTo(new Votes(CHOPPY, CHOPPY, CHOPPY));
        assertThat(s.regime()).isEqualTo(CHOPPY);
        assertThat(s.confidence()).isEqualTo(1.0);
        assertThat(s.realizedVol7d()).isNaN();
    }

    @Test
    void restoredStateContinuesIdentically() {
        RegimeVote original = new RegimeVote(C);
        original.vote(1, 0.70, 0.30, 0.30); // H
        original.vote(2, 0.30, 0.50, 0.50); // C, held in H, streak 1
        RegimeVote restored = new RegimeVote(C, original.current(), original.lastWinner(), original.streak());
        assertThat(restored.vote(3, 0.30, 0.50, 0.50)).isEqualTo(original.vote(3, 0.30, 0.50, 0.50));
        assertThat(restored.current()).isEqualTo(CHOPPY);
        assertThatThrownBy(() -> new RegimeVote(C, CHOPPY, null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * docs/REGIME.md worked example, tick by tick from the initial CHOPPY:
     * <pre>
     * tick  rv    breadth thrust  votes (rv / breadth / thrust)     winner      regime        confidence
     *  1    0.52  0.65    0.62    CHOPPY / BULL / BULL               BULL 2/3    CHOPPY (held)  1/3
     *  2    0.55  0.62    0.63    CHOPPY / BULL / BULL               BULL 2/3    TRENDING_BULL  2/3
     *  3    0.61  0.38    0.40    HIGH_VOL / HIGH_VOL / CHOPPY       HIGH_VOL    HIGH_VOL       2/3
     *  4    0.58  0.45    0.45    CHOPPY / CHOPPY / CHOPPY           CHOPPY 3/3  HIGH_VOL (held) 0
     *  5    0.50  0.50    0.52    CHOPPY / CHOPPY / CHOPPY           CHOPPY 3/3  CHOPPY         1
     * </pre>
     * Tick 3: rv 0.61 ≥ 0.60; breadth 0.38 ≤ 0.40 with rv ≥ 0.45; thrust 0.40 &gt; 0.385.
     */
    @Test
    void workedExampleFromRegimeDoc() {
        RegimeVote vote = new RegimeVote(C);
        double[][] ticks = {
            {0.52, 0.65, 0.62}, {0.55, 0.62, 0.63}, {0.61, 0.38, 0.40}, {0.58, 0.45, 0.45}, {0.50, 0.50, 0.52}
        };
        Regime[] regimes = {CHOPPY, TRENDING_BULL, HIGH_VOL, HIGH_VOL, CHOPPY};
        double[] confidence = {1 / 3.0, 2 / 3.0, 2 / 3.0, 0, 1};
        Votes[] votes = {
            new Votes(CHOPPY, TRENDING_BULL, TRENDING_BULL), new Votes(CHOPPY, TRENDING_BULL, TRENDING_BULL),
            new Votes(HIGH_VOL, HIGH_VOL, CHOPPY), new Votes(CHOPPY, CHOPPY, CHOPPY), new Votes(CHOPPY, CHOPPY, CHOPPY)
        };
        for (int i = 0; i < ticks.length; i++) {
            RegimeSnapshot s = vote.vote(i, ticks[i][0], ticks[i][1], ticks[i][2]);
            assertThat(s.votes()).as("tick %d votes", i + 1).isEqualTo(votes[i]);
            assertThat(s.regime()).as("tick %d regime", i + 1).isEqualTo(regimes[i]);
            assertThat(s.confidence()).as("tick %d confidence", i + 1).isEqualTo(confidence[i]);
        }
    }
}
