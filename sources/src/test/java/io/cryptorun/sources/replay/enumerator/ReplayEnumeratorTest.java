package io.cryptorun.sources.replay.enumerator;

import io.cryptorun.sources.replay.TestEnumeratorContext;
import io.cryptorun.sources.replay.TimeOrderedFileSourceTestAccess;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayEnumeratorTest {
    static List<ReplayFileSplit> splits(String... paths) {
        return java.util.Arrays.stream(paths).map(p -> new ReplayFileSplit(p, 0)).toList();
    }

    @Test
    void assignsAllInPathOrderRoundRobinOnRegistration() {
        var ctx = new TestEnumeratorContext<ReplayFileSplit>(2);
        var e = new ReplayEnumerator(ctx, splits("/f/c", "/f/a", "/f/e", "/f/b", "/f/d"));
        e.start();
        assertThat(ctx.assigned).isEmpty();

        ctx.register(1);
        e.addReader(1);
        ctx.register(0);
        e.addReader(0);

        assertThat(ctx.assigned.get(0)).extracting(ReplayFileSplit::path).containsExactly("/f/a", "/f/c", "/f/e");
        assertThat(ctx.assigned.get(1)).extracting(ReplayFileSplit::path).containsExactly("/f/b", "/f/d");
        // one assignment per reader, then no more splits: the reader knows its whole set before merging
        assertThat(ctx.assignmentCalls).containsExactly(1, 0);
        assertThat(ctx.noMoreSplits).containsExactly(0, 1);
        assertThat(e.snapshotState(1).unassigned()).isEmpty();
    }

    @Test
    void readersRegisteredBeforeStartAreServedAtStart() {
        var ctx = new TestEnumeratorContext<ReplayFileSplit>(3);
        ctx.register(0);
        ctx.register(2);
        var e = new ReplayEnumerator(ctx, splits("/x/1", "/x/2"));
        e.start();
        assertThat(ctx.assigned.get(0)).extracting(ReplayFileSplit::path).containsExactly("/x/1");
        assertThat(ctx.assigned).doesNotContainKey(2);
        assertThat(ctx.noMoreSplits).containsExactly(0, 2);
        // reader 1 has not registered: its split is still pending and checkpointed
        assertThat(e.snapshotState(5).unassigned()).extracting(ReplayFileSplit::path).containsExactly("/x/2");
    }

    @Test
    void moreReadersThanFilesGetNoMoreSplitsOnly() {
        var ctx = new TestEnumeratorContext<ReplayFileSplit>(4);
        var e = new ReplayEnumerator(ctx, splits("/only"));
        e.start();
        for (int i = 0; i < 4; i++) {
            ctx.register(i);
            e.addReader(i);
        }
        assertThat(ctx.assigned).containsOnlyKeys(0);
        assertThat(ctx.noMoreSplits).containsExactly(0, 1, 2, 3);
    }

    @Test
    void splitsAddedBackGoToTheSameSubtaskWhenItReturns() {
        var ctx = new TestEnumeratorContext<ReplayFileSplit>(2);
        var e = new ReplayEnumerator(ctx, splits("/a", "/b"));
        e.start();
        ctx.register(0);
        e.addReader(0);
        ctx.register(1);
        e.addReader(1);

        // subtask 1 fails before a checkpoint covered its split
        ctx.registered.remove(1);
        ctx.noMoreSplits.remove(1);
        e.addSplitsBack(List.of(new ReplayFileSplit("/b", 0)), 1);
        assertThat(e.snapshotState(2).unassigned()).extracting(ReplayFileSplit::path).containsExactly("/b");

        ctx.register(1);
        e.addReader(1);
        assertThat(ctx.assigned.get(1)).extracting(ReplayFileSplit::path).containsExactly("/b", "/b");
        assertThat(e.snapshotState(3).unassigned()).isEmpty();
    }

    @Test
    void restoredPendingSplitsAreAssigned() {
        var ctx = new TestEnumeratorContext<ReplayFileSplit>(1);
        var src = TimeOrderedFileSourceTestAccess.sourceOver(List.of());
        var e = src.restoreEnumerator(ctx, new ReplayEnumeratorState(List.of(new ReplayFileSplit("/r", 0))));
        e.start();
        ctx.register(0);
        e.addReader(0);
        assertThat(ctx.assigned.get(0)).containsExactly(new ReplayFileSplit("/r", 0));
    }
}
