package io.cryptorun.jobs.graph;

import io.cryptorun.sources.model.Bar;
import org.apache.flink.api.common.functions.FilterFunction;

/** The bar intervals indicators use (1h and 4h). */
public final class IndicatorBar implements FilterFunction<Bar> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(Bar b) {
        return Bar.H1.equals(b.interval()) || Bar.H4.equals(b.interval());
    }
}
