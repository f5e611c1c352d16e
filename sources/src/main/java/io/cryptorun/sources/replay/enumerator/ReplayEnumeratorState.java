package io.cryptorun.sources.replay.enumerator;

import io.cryptorun.sources.replay.split.ReplayFileSplit;
import java.util.List;

/**
 * What the enumerator must remember across a restore: the splits not yet handed to a reader.
 * Assigned splits live in the readers' state (as in Flink's Kafka source), so they are not
 * repeated here.
 *
 * @param unassigned pending splits in path order
 */
public record ReplayEnumeratorState(List<ReplayFileSplit> unassigned) {
    public ReplayEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }
}
