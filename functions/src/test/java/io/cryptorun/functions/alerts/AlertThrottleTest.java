package io.cryptorun.functions.alerts;

import static io.cryptorun.functions.alerts.SuppressReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertThrottleTest {
    static final long H = ThrottleConfig.HOUR;
    static final long M = 60_000_000L;
    static final long T0 = 1_700_000_000_000_000L;
    static final AlertThrottle THROTTLE = new AlertThrottle(ThrottleConfig.defaults());

    /** Feeds candidates through the throttle, threading the state. */
    static final class Run {
        ThrottleState state = ThrottleState.EMPTY;
        Controls controls = Controls.NONE;

        ThrottleDecision offer(String symbol, double score, String regime, long t) {
            ThrottleDecision d = THROTTLE.decide(state, new AlertCandidate(symbol, "slack:#desk", score, regime, t), controls);
            state = d.state();
            return d;
        }

        ThrottleDecision offer(String symbol, long t) {
            return offer(symbol, 80, "CHOPPY", t);
        }
    }

    @Test
    void threePerRollingHour() {
        Run r = new Run();
        assertThat(r.offer("A", T0).send()).isTrue();
        assertThat(r.offer("B", T0 + 10 * M).send()).isTrue();
        assertThat(r.offer("C", T0 + 20 * M).send()).isTrue();
        assertThat(r.offer("D", T0 + 30 * M).reasons()).containsExactly(RATE_HOUR);
        assertThat(r.offer("D", T0 + H - 1).reasons()).containsExactly(RATE_HOUR);
        // at T0 + 1h the first alert leaves the half-open window (t − 1h, t]
        assertThat(r.offer("D", T0 + H).send()).isTrue();
    }

    @Test
    void sixPerHourWhileHighVolButTenPerDayRegardless() {
        Run r = new Run();
        for (int i = 0; i < 6; i++) {
            assertThat(r.offer("S" + i, 80, "HIGH_VOL", T0 + i * M).send()).as("alert %d", i).isTrue();
        }
        assertThat(r.offer("S6", 80, "HIGH_VOL", T0 + 6 * M).reasons()).containsExactly(RATE_HOUR);
        // the regime of the candidate decides: back in CHOPPY the same hour is over its limit of 3
        assertThat(r.offer("S6", 80, "CHOPPY", T0 + 7 * M).reasons()).containsExactly(RATE_HOUR);
        for (int i = 6; i < 10; i++) {
            assertThat(r.offer("S" + i, 80, "HIGH_VOL", T0 + H + i * M).send()).isTrue();
        }
        ThrottleDecision d = r.offer("S10", 80, "HIGH_VOL", T0 + 3 * H);
        assertThat(d.reasons()).containsExactly(RATE_DAY);
        assertThat(r.offer("S10", 80, "HIGH_VOL", T0 + 24 * H).send()).isTrue(); // the first left the rolling day
    }

    @Test
    void cooldownAndScoreRise() {
        Run r = new Run();
        assertThat(r.offer("A", 80, "CHOPPY", T0).send()).isTrue();
        assertThat(r.offer("A", 84.9, "CHOPPY", T0 + H).reasons()).containsExactly(COOLDOWN);
        assertThat(r.offer("A", 85, "CHOPPY", T0 + 2 * H).send()).isTrue(); // rose exactly 5: allowed, new mark 85
        assertThat(r.offer("A", 89, "CHOPPY", T0 + 3 * H).reasons()).containsExactly(COOLDOWN);
        assertThat(r.offer("A", 70, "CHOPPY", T0 + 6 * H - 1).reasons()).containsExactly(COOLDOWN);
        assertThat(r.offer("A", 70, "CHOPPY", T0 + 6 * H).send()).isTrue(); // 4 h after the last alert
        assertThat(r.offer("B", 70, "CHOPPY", T0 + 6 * H + 1).send()).isTrue(); // other symbols unaffected
    }

    /**
     * Cooldown +5 is decided on the exact difference of the two scores' values (doubles: Φ-based),
     * never on a rounded sum: exactly +5 sends, one ulp short does not, one ulp over does.
     * (60.1 → 65.1 is 4.99999999999999289… between the two doubles, so it does not break the
     * cooldown, whereas the rounded sum 60.1 + 5 equals the double 65.1 and did.)
     */
    @Test
    void cooldownRiseExactlyOnAndEitherSide() {
        double[][] cases = {{80, 85, 1}, {80, Math.nextDown(85.0), 0}, {80, Math.nextUp(85.0), 1}, {60.1, 65.1, 0},
            {60.1, 65.10000000000001, 1}};
        for (double[] c : cases) {
            Run r = new Run();
            r.offer("A", c[0], "CHOPPY", T0);
            assertThat(r.offer("A", c[1], "CHOPPY", T0 + H).send()).as("%s → %s", c[0], c[1]).isEqualTo(c[2] == 1);
        }
        assertThat(60.1 + 5 >= 65.1).isTrue(); // what the rounded sum said
    }

    @Test
    void suppressedCandidatesUseNoBudgetAndDoNotRestartCooldown() {
        Run r = new Run();
        r.offer("A", T0);
        ThrottleState before = r.state;
        r.offer("A", T0 + H); // cooldown
        assertThat(r.state.sentMicros()).containsExactly(before.sentMicros());
        assertThat(r.state.marks()).containsExactly(before.marks());
        assertThat(r.offer("A", T0 + 4 * H).send()).isTrue();
    }

    @Test
    void mutesWithTtl() {
        Run r = new Run();
        r.controls = new Controls(List.of(new Mute(Mute.Kind.SYMBOL, "A", T0 + H), new Mute(Mute.Kind.CHANNEL,
                "slack:#other", Mute.FOREVER)), List.of(), List.of());
        assertThat(r.offer("A", T0).reasons()).containsExactly(MUTED_SYMBOL);
        assertThat(r.offer("A", T0 + H - 1).reasons()).containsExactly(MUTED_SYMBOL);
        assertThat(r.offer("A", T0 + H).send()).isTrue(); // TTL expired at exactly T0 + 1h
        r.controls = new Controls(List.of(new Mute(Mute.Kind.CHANNEL, "slack:#desk", T0 + 2 * H)), List.of(), List.of());
        assertThat(r.offer("B", T0 + H + 1).reasons()).containsExactly(MUTED_CHANNEL);
        assertThat(r.offer("B", T0 + 2 * H).send()).isTrue();
    }

    @Test
    void allowAndDenyListsWithTtl() {
        Run r = new Run();
        r.controls = new Controls(List.of(), List.of(new ListEntry("A", T0 + H), new ListEntry("B", Mute.FOREVER)),
                List.of(new ListEntry("B", T0 + 30 * M)));
        assertThat(r.offer("C", T0).reasons()).containsExactly(NOT_ALLOWED);
        assertThat(r.offer("B", T0 + 1).reasons()).containsExactly(DENIED); // deny wins over allow
        assertThat(r.offer("A", T0 + 2).send()).isTrue();
        assertThat(r.offer("B", T0 + 30 * M).send()).isTrue(); // deny entry expired
        assertThat(r.offer("C", T0 + H).reasons()).containsExactly(NOT_ALLOWED); // B's allow entry still active
        r.controls = new Controls(List.of(), List.of(new ListEntry("A", T0 + H)), List.of());
        assertThat(r.offer("C", T0 + H + 1).send()).isTrue(); // allow list fully expired: no restriction
    }

    @Test
    void everyReasonKeptAndOutOfOrderRefused() {
        Run r = new Run();
        r.offer("A", T0);
        r.offer("B", T0 + 1);
        r.offer("C", T0 + 2);
        r.controls = new Controls(List.of(new Mute(Mute.Kind.SYMBOL, "A", Mute.FOREVER)), List.of(), List.of());
        ThrottleDecision d = r.offer("A", T0 + 3);
        assertThat(d.reasons()).containsExactly(MUTED_SYMBOL, COOLDOWN, RATE_HOUR);
        assertThat(d.reason()).isEqualTo(MUTED_SYMBOL);
        assertThat(r.offer("Z", T0 + 2).reasons()).containsExactly(OUT_OF_ORDER);
    }

    @Test
    void stateStaysSmall() {
        Run r = new Run();
        Random rnd = new Random(5);
        long t = T0;
        for (int i = 0; i < 20_000; i++) {
            t += rnd.nextInt(20) * M;
            r.offer("S" + rnd.nextInt(50), 60 + 40 * rnd.nextDouble(), rnd.nextBoolean() ? "HIGH_VOL" : "CHOPPY", t);
            assertThat(r.state.sentMicros().length).isLessThanOrEqualTo(10);
            assertThat(r.state.marks().length).isLessThanOrEqualTo(10);
        }
    }

    /**
     * Property: under random candidate streams (regimes, scores, bursts, mutes ignored) the sent
     * alerts never exceed 3 (6 in HIGH_VOL) in any rolling hour ending at a send, 10 in any
     * rolling day, and a symbol repeats within 4 h only with a score ≥ 5 above its last alert.
     */
    @Test
    void propertyLimitsNeverExceeded() {
        Random rnd = new Random(424242);
        for (int run = 0; run < 300; run++) {
            Run r = new Run();
            long t = T0;
            List<long[]> sent = new ArrayList<>(); // {t, highVol?1:0}
            Map<String, double[]> last = new HashMap<>(); // symbol → {t, score}
            for (int i = 0; i < 400; i++) {
                t += rnd.nextInt(4) == 0 ? 0 : (long) (rnd.nextDouble() * (rnd.nextBoolean() ? 10 * M : 3 * H));
                String sym = "S" + rnd.nextInt(8);
                String regime = rnd.nextInt(3) == 0 ? "HIGH_VOL" : "TRENDING_BULL";
                double score = 75 + 35 * rnd.nextDouble();
                ThrottleDecision d = r.offer(sym, score, regime, t);
                if (!d.send()) {
                    assertThat(d.reasons()).isNotEmpty();
                    continue;
                }
                final long now = t;
                long inHour = sent.stream().filter(s -> s[0] > now - H).count() + 1;
                long inDay = sent.stream().filter(s -> s[0] > now - 24 * H).count() + 1;
                assertThat(inHour).isLessThanOrEqualTo(regime.equals("HIGH_VOL") ? 6 : 3);
                assertThat(inDay).isLessThanOrEqualTo(10);
                double[] prev = last.get(sym);
                if (prev != null && now - (long) prev[0] < 4 * H) {
                    assertThat(score).isGreaterThanOrEqualTo(prev[1] + 5);
                }
                sent.add(new long[] {now, regime.equals("HIGH_VOL") ? 1 : 0});
                last.put(sym, new double[] {now, score});
            }
            // no rolling hour anywhere holds more than 6, and no hour without a HIGH_VOL send holds more than 3
            for (long[] s : sent) {
                long n = sent.stream().filter(o -> o[0] > s[0] - H && o[0] <= s[0]).count();
                assertThat(n).isLessThanOrEqualTo(6);
            }
        }
    }
}
