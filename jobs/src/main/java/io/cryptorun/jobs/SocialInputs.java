package io.cryptorun.jobs;

import io.cryptorun.functions.scan.ScanInput;
import io.cryptorun.functions.scan.SocialSignal;
import io.cryptorun.sources.time.Micros;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where social input enters the scanner (issue 14): readings join the scan's keyed input, and the
 * scan uses, per symbol, the newest reading at or before each tick ({@code SocialBook}). Without
 * readings the graph is left exactly as it was (no operator, no uid), so replays without social
 * input stay byte-identical.
 */
public final class SocialInputs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<SocialSignal> readings;

    private SocialInputs(List<SocialSignal> readings) {
        this.readings = List.copyOf(readings);
    }

    public static SocialInputs none() {
        return new SocialInputs(List.of());
    }

    /** A bounded stream of readings (replay: {@link SocialFile}). */
    public static SocialInputs of(List<SocialSignal> readings) {
        return new SocialInputs(readings);
    }

    public boolean isEmpty() {
        return readings.isEmpty();
    }

    /** {@code scanInputs} with the readings joined in; unchanged when there are none. */
    public DataStream<ScanInput> attach(StreamExecutionEnvironment env, DataStream<ScanInput> scanInputs) {
        if (readings.isEmpty()) {
            return scanInputs;
        }
        DataStream<ScanInput> social = env.fromData(readings, TypeInformation.of(SocialSignal.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<SocialSignal>forMonotonousTimestamps()
                        .withTimestampAssigner((s, ts) -> Micros.toMillis(s.tsMicros())))
                .uid(io.cryptorun.jobs.OperatorUid.SOURCE_SOCIAL.value())
                .name("social")
                .map(ScanInput::of).returns(ScanInput.class).name("social input");
        return scanInputs.union(social);
    }
}
