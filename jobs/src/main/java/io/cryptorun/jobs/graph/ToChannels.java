package io.cryptorun.jobs.graph;

import io.cryptorun.functions.alerts.ThrottleInput;
import io.cryptorun.functions.scan.ScanOutcome;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One alert candidate per configured user/channel, each with its own throttle; a tick's completion
 * marker goes to every channel too, behind that channel's candidates (issue 16).
 */
public final class ToChannels implements FlatMapFunction<ScanOutcome, ThrottleInput> {
    private static final long serialVersionUID = 1L;
    private final String[] channels;

    public ToChannels(String[] channels) {
        this.channels = channels.clone();
    }

    @Override
    public void flatMap(ScanOutcome a, Collector<ThrottleInput> out) {
        for (String c : channels) {
            out.collect(new ThrottleInput(c, a));
        }
    }
}
