package io.cryptorun.functions.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.functions.replication.HotTierFence.Active;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotTierFenceTest {
    static final Instant T1 = Instant.parse("2026-12-07T22:00:00Z");
    static final Instant T2 = Instant.parse("2026-12-07T22:05:00Z");

    @Test
    void theHighestEpochWinsThenTheNewestTimeNothingRecordedIsRegionAAtEpochZero() {
        assertThat(HotTierFence.newest(List.of())).isEqualTo(Active.INITIAL);
        assertThat(HotTierFence.newest(Arrays.asList(null, null))).isEqualTo(Active.INITIAL);
        // region a came back with its database one failover behind: b's record (epoch 1) wins over a's silence
        Active b1 = new Active("b", 1, T1);
        assertThat(HotTierFence.newest(Arrays.asList(null, b1))).isEqualTo(b1);
        // a failback (epoch 2) recorded earlier in wall time than a stale epoch-1 row still wins: epochs, not clocks
        Active a2 = new Active("a", 2, T1);
        Active b1late = new Active("b", 1, T2);
        assertThat(HotTierFence.newest(List.of(b1late, a2))).isEqualTo(a2);
        // equal epochs (rows written before epochs existed count 0): the newer record
        assertThat(HotTierFence.newest(List.of(new Active("b", 0, T1), new Active("a", 0, T2)))).isEqualTo(new Active("a", 0, T2));
        assertThat(HotTierFence.nextEpoch(List.of(b1late, a2))).isEqualTo(3);
        assertThat(HotTierFence.nextEpoch(List.of())).isEqualTo(1);
    }

    @Test
    void aWriterOfTheActiveRegionStartsAnyOtherIsRefusedWithTheActiveRegionNamed() {
        Active b1 = new Active("b", 1, T1);
        assertThat(HotTierFence.refusal("b", b1)).isEmpty();
        assertThat(HotTierFence.refusal("a", b1)).hasValue(
                "region a is not the active region of the hot tier (region b is, fencing epoch 1, since 2026-12-07T22:00:00Z)");
        assertThat(HotTierFence.refusal("a", Active.INITIAL)).isEmpty();
        assertThat(HotTierFence.refusal("b", Active.INITIAL)).hasValue(
                "region b is not the active region of the hot tier (region a is, fencing epoch 0)");
    }

    @Test
    void zombiesAreThisProjectsProducersOfAnotherRegionOrAnOlderEpoch() {
        Active b2 = new Active("b", 2, T1);
        String m = HotTierFence.marker("b", 2);
        assertThat(m).isEqualTo("@b-e2");
        // Flink's KafkaSink appends -<subtask>-<checkpoint> to the prefix
        assertThat(HotTierFence.isZombie("cryptorun-ingest-md.raw.kraken" + m + "-0-7", "b", b2)).isFalse();
        assertThat(HotTierFence.isZombie("cryptorun-ingest-md.raw.kraken@b-e1-0-7", "b", b2)).isTrue(); // one epoch older
        assertThat(HotTierFence.isZombie("cryptorun-ingest-md.raw.kraken@b-e3-0-7", "b", b2)).isFalse(); // newer: not ours to fence
        assertThat(HotTierFence.isZombie("cryptorun-ingest-md.raw.kraken@a-e2-0-7", "a", b2)).isTrue(); // a writer of a
        assertThat(HotTierFence.isZombie("cryptorun-ingest-md.raw.kraken@a-e2-0-7", "b", b2)).isTrue();
        // unmarked (started without --region): fenced on the region that is not active, left alone on the active one
        assertThat(HotTierFence.isZombie("cryptorun-tx-cryptorun.alerts-0-3", "a", b2)).isTrue();
        assertThat(HotTierFence.isZombie("cryptorun-tx-cryptorun.alerts-0-3", "b", b2)).isFalse();
        // not ours: never
        assertThat(HotTierFence.isZombie("connect-cluster-mm2-0", "a", b2)).isFalse();
        assertThat(HotTierFence.isZombie("other@a-e0-x", "a", b2)).isFalse();
    }

    @Test
    void aFailoverFencesMarkedZombiesAlwaysAndUnmarkedOnesOnlyWithATransactionOpen() {
        Active b2 = new Active("b", 2, T1);
        assertThat(HotTierFence.mustFence("cryptorun-ingest-md.raw.kraken@a-e2-0-7", "a", b2, false)).isTrue();
        assertThat(HotTierFence.mustFence("cryptorun-ingest-md.raw.kraken@a-e2-0-7", "a", b2, true)).isTrue();
        assertThat(HotTierFence.mustFence("cryptorun-tx-cryptorun.alerts-0-3", "a", b2, true)).isTrue();
        assertThat(HotTierFence.mustFence("cryptorun-tx-cryptorun.alerts-0-3", "a", b2, false)).isFalse(); // nothing open
        assertThat(HotTierFence.mustFence("cryptorun-ingest-md.raw.kraken@b-e2-0-7", "b", b2, true)).isFalse(); // current
        assertThat(HotTierFence.mustFence("connect-cluster-mm2-0", "a", b2, true)).isFalse(); // not ours
    }

    @Test
    void markersNameARealRegionAndANonNegativeEpoch() {
        assertThatThrownBy(() -> HotTierFence.marker("c", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HotTierFence.marker("a", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HotTierFence.marker("a", 0)).isEqualTo("@a-e0");
        assertThat(HotTierFence.isZombie("cryptorun-x@a-e0", "a", new Active("a", 1, T1))).isTrue(); // marker at the end
        assertThat(HotTierFence.isZombie("cryptorun-x@a-e10-0-1", "a", new Active("a", 1, T1))).isFalse(); // e10, not e1
        assertThat(HotTierFence.isZombie("cryptorun-x@a-e1x", "b", new Active("a", 2, T1))).isTrue(); // no marker: unmarked, on b
    }
}
