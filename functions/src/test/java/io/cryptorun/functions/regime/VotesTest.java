package io.cryptorun.functions.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every one of the 2 × 3 × 3 = 18 possible vote combinations and the regime it elects. */
class VotesTest {

    @ParameterizedTest(name = "rv {0}, breadth {1}, thrust {2} → {3} ({4} votes)")
    @CsvSource({
        // realized vol CHOPPY
        "CHOPPY,   TRENDING_BULL, TRENDING_BULL, TRENDING_BULL, 2",
        "CHOPPY,   TRENDING_BULL, CHOPPY,        CHOPPY,        2",
        "CHOPPY,   TRENDING_BULL, HIGH_VOL,      CHOPPY,        1", // 1-1-1 split
        "CHOPPY,   CHOPPY,        TRENDING_BULL, CHOPPY,        2",
        "CHOPPY,   CHOPPY,        CHOPPY,        CHOPPY,        3",
        "CHOPPY,   CHOPPY,        HIGH_VOL,      CHOPPY,        2",
        "CHOPPY,   HIGH_VOL,      TRENDING_BULL, CHOPPY,        1", // 1-1-1 split
        "CHOPPY,   HIGH_VOL,      CHOPPY,        CHOPPY,        2",
        "CHOPPY,   HIGH_VOL,      HIGH_VOL,      HIGH_VOL,      2",
        // realized vol HIGH_VOL
        "HIGH_VOL, TRENDING_BULL, TRENDING_BULL, TRENDING_BULL, 2",
        "HIGH_VOL, TRENDING_BULL, CHOPPY,        CHOPPY,        1", // 1-1-1 split
        "HIGH_VOL, TRENDING_BULL, HIGH_VOL,      HIGH_VOL,      2",
        "HIGH_VOL, CHOPPY,        TRENDING_BULL, CHOPPY,        1", // 1-1-1 split
        "HIGH_VOL, CHOPPY,        CHOPPY,        CHOPPY,        2",
        "HIGH_VOL, CHOPPY,        HIGH_VOL,      HIGH_VOL,      2",
        "HIGH_VOL, HIGH_VOL,      TRENDING_BULL, HIGH_VOL,      2",
        "HIGH_VOL, HIGH_VOL,      CHOPPY,        HIGH_VOL,      2",
        "HIGH_VOL, HIGH_VOL,      HIGH_VOL,      HIGH_VOL,      3",
    })
    void electsTheMajorityAndSplitsToChoppy(Regime rv, Regime breadth, Regime thrust, Regime winner, int winnerVotes) {
        Votes votes = new Votes(rv, breadth, thrust);
        assertThat(votes.winner()).isEqualTo(winner);
        assertThat(votes.count(winner)).isEqualTo(winnerVotes);
        assertThat(votes.count(Regime.TRENDING_BULL) + votes.count(Regime.CHOPPY) + votes.count(Regime.HIGH_VOL))
                .isEqualTo(3);
    }

    @Test
    void realizedVolCannotVoteBull() {
        assertThatThrownBy(() -> new Votes(Regime.TRENDING_BULL, Regime.CHOPPY, Regime.CHOPPY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
