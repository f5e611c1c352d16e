package io.cryptorun.jobs.graph;

import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import org.apache.flink.api.common.functions.FilterFunction;

/** Frames the tick-arrival operator can use (quarantined ones have no header). */
public final class HasHeader implements FilterFunction<MarketEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(MarketEvent e) {
        return e.kind() != EventKind.QUARANTINE;
    }
}
