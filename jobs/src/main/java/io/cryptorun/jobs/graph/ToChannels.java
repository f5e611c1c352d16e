package io.cryptorun.jobs.graph;

import io.cryptorun.functions.alerts.ChannelScore;
import io.cryptorun.functions.scan.ScoredAsset;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One alert candidate per configured user/channel, each with its own throttle. */
public final class ToChannels implements FlatMapFunction<ScoredAsset, ChannelScore> {
    private static final long serialVersionUID = 1L;
    private final String[] channels;

    public ToChannels(String[] channels) {
        this.channels = channels.clone();
    }

    @Override
    public void flatMap(ScoredAsset a, Collector<ChannelScore> out) {
        for (String c : channels) {
            out.collect(new ChannelScore(c, a));
        }
    }
}
