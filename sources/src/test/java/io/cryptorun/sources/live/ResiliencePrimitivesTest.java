package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Backoff, token bucket, idle watchdog and circuit breaker on an injected clock and Random. */
class ResiliencePrimitivesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void backoffCeilingDoublesUpToTheCapAndDelaysStayUnderIt() {
        Backoff b = new Backoff(100, 1_000, new Random(7));
        long[] ceilings = new long[6];
        for (int i = 0; i < 6; i++) {
            ceilings[i] = b.ceilingMillis();
            assertThat(b.nextDelayMillis()).isBetween(0L, ceilings[i]);
        }
        assertThat(ceilings).containsExactly(100, 200, 400, 800, 1_000, 1_000);
        b.reset();
        assertThat(b.ceilingMillis()).isEqualTo(100);
        assertThat(b.attempts()).isZero();
    }

    @Test
    void backoffJitterIsDeterministicForASeedAndSpreadsOverTheRange() {
        List<Long> a = delays(new Backoff(1_000, 1_000, new Random(42)), 200);
        List<Long> b = delays(new Backoff(1_000, 1_000, new Random(42)), 200);
        assertThat(a).isEqualTo(b);
        // full jitter: both halves of [0, 1000] are used
        assertThat(a).anyMatch(d -> d < 500).anyMatch(d -> d >= 500);
    }

    private static List<Long> delays(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(b.nextDelayMillis());
        return out;
    }

    @Test
    void tokenBucketAllowsTheBurstThenRefillsAtTheRate() {
        TokenBucket t = new TokenBucket(3, 2.0, now::get);
        assertThat(t.tryAcquire()).isTrue();
        assertThat(t.tryAcquire()).isTrue();
        assertThat(t.tryAcquire()).isTrue();
        assertThat(t.tryAcquire()).isFalse();
        assertThat(t.millisUntilAvailable()).isEqualTo(500);
        now.addAndGet(499);
        assertThat(t.tryAcquire()).isFalse();
        now.addAndGet(1);
        assertThat(t.tryAcquire()).isTrue();
        now.addAndGet(10_000);
        assertThat(t.available()).isEqualTo(3); // capped at capacity
    }

    @Test
    void watchdogFlagsSilenceLongerThanTheTimeout() {
        IdleWatchdog w = new IdleWatchdog(1_000, now::get);
        now.addAndGet(1_000);
        assertThat(w.stalled()).isFalse();
        now.addAndGet(1);
        assertThat(w.stalled()).isTrue();
        w.activity();
        assertThat(w.stalled()).isFalse();
        assertThat(w.silenceMillis()).isZero();
    }

    private final List<String> transitions = new ArrayList<>();

    private CircuitBreaker breaker() {
        return new CircuitBreaker(new CircuitBreaker.Config(10, 5, 0.30, 5, 5_000, 30_000), now::get,
                (from, to, reason) -> transitions.add(from + ">" + to + ":" + reason));
    }

    @Test
    void breakerOpensAfterFiveConsecutiveFailuresAndProbesWhenHalfOpen() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 4; i++) b.onFailure("HTTP 429");
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED); // 4 of 4 failed, but minCalls (5) not reached
        b.onFailure("HTTP 429");
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(transitions).singleElement().asString().startsWith("CLOSED>OPEN:5 consecutive failures");
        assertThat(b.tryAcquire()).isFalse();
        now.addAndGet(29_999);
        assertThat(b.tryAcquire()).isFalse();
        assertThat(b.millisUntilProbe()).isEqualTo(1);
        now.addAndGet(1);
        assertThat(b.tryAcquire()).isTrue(); // the probe
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.tryAcquire()).isFalse(); // only one probe at a time
        b.onFailure("refused");
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        now.addAndGet(30_000);
        assertThat(b.tryAcquire()).isTrue();
        b.onSuccess(120);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.errorRate()).isZero();
        assertThat(transitions).hasSize(5);
    }

    @Test
    void breakerOpensAboveThirtyPercentErrorsOverTheWindow() {
        CircuitBreaker b = breaker();
        // 7 successes then 3 failures = 30 % of the window of 10: not above the threshold
        for (int i = 0; i < 7; i++) b.onSuccess(10);
        for (int i = 0; i < 3; i++) b.onFailure("reset");
        assertThat(b.errorRate()).isEqualTo(0.3);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        b.onFailure("reset"); // window of 10 now holds 4 failures: 40 %
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(transitions.get(0)).contains("error rate 40 %");
    }

    @Test
    void breakerOpensWhenP99LatencyExceedsFiveSeconds() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 4; i++) b.onSuccess(100);
        b.onSuccess(5_001); // p99 of 5 samples is the largest
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(transitions.get(0)).contains("p99 latency 5001 ms > 5000 ms");
    }

    @Test
    void breakerStaysClosedWithSlowButAcceptableLatency() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 20; i++) b.onSuccess(5_000);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.p99()).isEqualTo(5_000);
    }

    /** 1 success and 2 failures, {@code gap} ms of quiet, then 3 successes and 1 failure. */
    private CircuitBreaker oldFailuresThenRecentMix(long gap) {
        CircuitBreaker b = breaker();
        b.onSuccess(10);
        b.onFailure("drop");
        b.onFailure("drop");
        now.addAndGet(gap);
        for (int i = 0; i < 3; i++) b.onSuccess(10);
        b.onFailure("drop");
        return b;
    }

    @Test
    void breakerForgetsOutcomesOlderThanItsTimeWindow() {
        // exactly 60 s later the old outcomes are still in the window: 3 of 7 failed (43 %) → open
        assertThat(oldFailuresThenRecentMix(CircuitBreaker.Config.DEFAULT_WINDOW_MILLIS).state())
                .isEqualTo(CircuitBreaker.State.OPEN);
        transitions.clear();
        // one millisecond more and they are forgotten: 1 of 4 (below minCalls), then 1 of 5 (20 %)
        CircuitBreaker b = oldFailuresThenRecentMix(CircuitBreaker.Config.DEFAULT_WINDOW_MILLIS + 1);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.outcomes()).isEqualTo(4);
        b.onSuccess(10);
        assertThat(b.errorRate()).isEqualTo(0.2);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void dropsOfHealthyConnectionsFarApartNeverOpenTheBreaker() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 50; i++) {
            b.onFailure("closed by server: 1006"); // a drop ...
            b.onSuccess(50); // ... and a good reconnect
            now.addAndGet(10 * 60_000); // ten minutes of healthy streaming
        }
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void consecutiveFailuresCountOnlyWithinTheWindowOfEachOther() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 4; i++) {
            b.onFailure("refused");
            now.addAndGet(CircuitBreaker.Config.DEFAULT_WINDOW_MILLIS + 1);
        }
        b.onFailure("refused"); // five in a row, but each more than the window after the previous one
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(CircuitBreaker.Config.DEFAULT_WINDOW_MILLIS); // exactly the window apart: still in a row
            b.onFailure("refused");
        }
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED); // 4 in a row
        now.addAndGet(CircuitBreaker.Config.DEFAULT_WINDOW_MILLIS);
        b.onFailure("refused");
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(transitions).singleElement().asString().contains("5 consecutive failures");
    }

    @Test
    void frameQueueIsBoundedByBytesAsWellAsFrames() {
        FrameQueue<String, String> q = new FrameQueue<>(100, 1_000, String::length);
        assertThat(q.offer("a".repeat(400))).isTrue();
        assertThat(q.offer("b".repeat(600))).isTrue(); // exactly 1,000 bytes: fits
        assertThat(q.offer("c")).isFalse(); // one byte over
        assertThat(q.bytes()).isEqualTo(1_000);
        assertThat(q.pollFrame()).hasSize(400);
        assertThat(q.bytes()).isEqualTo(600);
        assertThat(q.offer("d".repeat(400))).isTrue();
        assertThat(q.remove(q.frames().iterator().next())).isTrue();
        assertThat(q.bytes()).isEqualTo(400);
        q.clear();
        assertThat(q.bytes()).isZero();
        assertThat(q.offer("e".repeat(5_000))).as("one frame always fits an empty queue").isTrue();
        assertThat(q.offer("f")).isFalse();
    }
}
