package io.cryptorun.jobs.graph;

import io.cryptorun.functions.alerts.ControlCommand;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The empty control stream: {@code fromData} fails on an empty collection (Flink 1.20), so no
 * commands is a one-element sequence mapped to nothing (same type, finishes at once, watermark to MAX).
 */
public final class NoCommands implements FlatMapFunction<Long, ControlCommand> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Long ignored, Collector<ControlCommand> out) {}
}
