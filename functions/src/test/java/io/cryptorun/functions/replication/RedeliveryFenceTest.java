package io.cryptorun.functions.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.functions.replication.RedeliveryFence.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedeliveryFenceTest {
    @Test
    void aFreshFenceAppliesEveryRecordOnceWithAllItsEvents() {
        RedeliveryFence f = new RedeliveryFence();
        assertThat(f.admit(5)).isEqualTo(Verdict.NEW); // a consumer may start mid-topic
        assertThat(f.admit(5)).isEqualTo(Verdict.SAME_RECORD);
        assertThat(f.admit(6)).isEqualTo(Verdict.NEW);
        assertThat(f.admit(6)).isEqualTo(Verdict.SAME_RECORD);
        assertThat(f.last()).isEqualTo(6);
    }

    @Test
    void afterARestoreTheLastRecordAndEverythingBelowItAreRedeliveriesTheNextOneIsNew() {
        RedeliveryFence f = new RedeliveryFence(120); // checkpointed: 0..120 applied
        // MM2's translated offset re-delivers from 98: every event of 98..120 dropped, 120 included (on, not only below)
        List<Verdict> v = new ArrayList<>();
        for (long s = 98; s <= 120; s++) {
            v.add(f.admit(s));
            v.add(f.admit(s));
        }
        assertThat(v).containsOnly(Verdict.REDELIVERED).hasSize(46);
        assertThat(f.admit(121)).isEqualTo(Verdict.NEW); // one above: applied
        assertThat(f.admit(121)).isEqualTo(Verdict.SAME_RECORD);
        assertThat(f.admit(120)).isEqualTo(Verdict.REDELIVERED);
        assertThat(f.admit(121 - 1)).isEqualTo(Verdict.REDELIVERED);
    }

    @Test
    void aDuplicatedBatchInTheStreamIsDroppedWithoutARestore() {
        RedeliveryFence f = new RedeliveryFence();
        for (long s = 0; s < 10; s++) assertThat(f.admit(s)).isEqualTo(Verdict.NEW);
        for (long s = 7; s < 10; s++) assertThat(f.admit(s)).isEqualTo(Verdict.REDELIVERED); // 9 too: 7 ended its run
        assertThat(f.admit(10)).isEqualTo(Verdict.NEW);
    }

    @Test
    void aJumpAheadIsNew() { // numbers shared with other connections of the topic skip
        RedeliveryFence f = new RedeliveryFence(10);
        assertThat(f.admit(11)).isEqualTo(Verdict.NEW);
        assertThat(f.admit(13)).isEqualTo(Verdict.NEW);
        assertThat(f.last()).isEqualTo(13);
    }

    @Test
    void negativeSequencesAreRejected() {
        assertThatThrownBy(() -> new RedeliveryFence().admit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedeliveryFence(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
