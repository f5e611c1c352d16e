package io.cryptorun.functions.metrics;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * One count reported twice: as a Flink metric (live, for Prometheus and the web UI) and as an
 * accumulator (merged over subtasks into the {@code JobExecutionResult}, which is what a bounded
 * replay reads for its summary).
 */
public final class CountingMetric {
    private final Counter metric;
    private final LongCounter accumulator;

    private CountingMetric(Counter metric, LongCounter accumulator) {
        this.metric = metric;
        this.accumulator = accumulator;
    }

    /**
     * Registers both. {@code addAccumulator} (not {@code getLongCounter}) so that two operators
     * chained into one task that claim the same name fail loudly instead of silently sharing.
     */
    public static CountingMetric register(RuntimeContext ctx, String metricName, String accumulatorName) {
        LongCounter acc = new LongCounter();
        ctx.addAccumulator(accumulatorName, acc);
        return new CountingMetric(ctx.getMetricGroup().counter(metricName), acc);
    }

    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }

    public void inc(long n) {
        metric.inc(n);
        accumulator.add(n);
    }

    /** This subtask's count. */
    public long get() {
        return accumulator.getLocalValue();
    }
}
