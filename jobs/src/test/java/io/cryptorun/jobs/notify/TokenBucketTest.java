package io.cryptorun.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-destination bucket never lets more than burst + rate × window sends through any window. */
class TokenBucketTest {
    static final long S = 1_000_000_000L;

    @Test
    void burstThenOnePerSecondExactly() {
        TokenBucket b = new TokenBucket(3, 1.0, 0);
        assertThat(b.reserve(0)).isZero();
        assertThat(b.reserve(0)).isZero();
        assertThat(b.reserve(0)).isZero();
        assertThat(b.reserve(0)).isEqualTo(S); // the 4th waits exactly one refill
        assertThat(b.reserve(S)).isEqualTo(S); // at 1 s: the 4th took that token, so the 5th waits until 2 s
        assertThat(b.reserve(3 * S - 1)).isEqualTo(1); // one ns short of its token
    }

    @Test
    void retryAfterPausesEveryone() {
        TokenBucket b = new TokenBucket(3, 1.0, 0);
        b.pauseUntil(5 * S);
        assertThat(b.reserve(S)).isEqualTo(4 * S); // the first send goes exactly at the retry-after
        assertThat(b.reserve(5 * S)).isEqualTo(S); // and the next one a full interval later: no burst after a 429
    }

    @Test
    void propertyNeverMoreThanBurstPlusRateInAnyWindow() {
        Random r = new Random(13);
        for (int run = 0; run < 200; run++) {
            int burst = 1 + r.nextInt(4);
            double rate = 0.5 + r.nextInt(4);
            TokenBucket b = new TokenBucket(burst, rate, 0);
            long now = 0;
            List<Long> sends = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                now += r.nextInt(4) == 0 ? (long) (r.nextDouble() * 3 * S) : 0; // bursts at the same instant, and gaps
                long wait = b.reserve(now);
                now += wait; // the caller sleeps, then sends
                sends.add(now);
            }
            for (int i = 0; i < sends.size(); i++) {
                for (int j = i; j < sends.size(); j++) {
                    double window = (sends.get(j) - sends.get(i)) / (double) S;
                    assertThat(j - i + 1).as("run %d burst %d rate %s sends %d..%d at %s", run, burst, rate, i, j, sends.subList(Math.max(0, i - 3), j + 1)).isLessThanOrEqualTo(burst + (int) Math.floor(window * rate + 1e-9));
                }
            }
        }
    }
}
