package io.cryptorun.jobs;

import io.cryptorun.jobs.SocialInputs;

import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.jobs.kafka.KafkaFrameSource;
import io.cryptorun.sources.replay.FixtureSource;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import io.cryptorun.sources.replay.ReplayFiles;
import io.cryptorun.sources.replay.reader.ReplayStop;
import io.cryptorun.sources.replay.TimeOrderedFileSource;
import io.cryptorun.sources.history.BarHistorySource;
import io.cryptorun.sources.history.HistoryRecord;
import io.cryptorun.sources.live.ExchangeWebSocketSource;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.model.MarketEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the scanner reads from: the market events (with their watermark strategy), the bar
 * history and the control commands (a bounded list, or a live source). The factories are the three
 * inputs of {@code replay} / {@code run --live} / {@code --source kafka}; the launcher picks one.
 *
 * @param frames           normalized market events (quarantined frames included)
 * @param frameWatermarks  {@link MarketEventWatermarks#forLive()} for live and Kafka input
 * @param history          bar history (may read no files)
 * @param idleness         source idleness of the history; null disables it (unpaced replays)
 * @param endOfInputMicros end of a recorded input's event time ({@link ReplayFiles#endOfInputMicros}); MAX when unbounded
 * @param controls         bounded control commands (replay: a control file), used when {@code controlSource} is null
 * @param controlSource    live control commands ({@link io.cryptorun.jobs.control.ControlTopic#source}), or null
 * @param social           social readings for the scan (issue 14, {@code cryptorun.social}); none leaves the graph unchanged
 */
public record ScannerInputs(Source<MarketEvent, ?, ?> frames, WatermarkStrategy<MarketEvent> frameWatermarks,
        Source<HistoryRecord, ?, ?> history, Duration idleness, long endOfInputMicros, List<ControlCommand> controls,
        Source<ControlCommand, ?, ?> controlSource, SocialInputs social) {
    /** Sources of a fixture replay that report reaching a {@link ReplayStop}, per unit of parallelism. */
    public static final int STOP_AWARE_SOURCES = 2;

    public ScannerInputs {
        controls = List.copyOf(controls);
        social = social == null ? SocialInputs.none() : social;
    }

    /** Any frames and history, no controls, unbounded event time. */
    public static ScannerInputs of(Source<MarketEvent, ?, ?> frames, WatermarkStrategy<MarketEvent> frameWatermarks,
            Source<HistoryRecord, ?, ?> history) {
        return new ScannerInputs(frames, frameWatermarks, history, MarketEventWatermarks.DEFAULT_REPLAY_IDLENESS,
                Long.MAX_VALUE, List.of(), null, SocialInputs.none());
    }

    /**
     * A replay over fixture files or a fixture directory. History defaults to the fixture
     * directory's history files (none for plain files). With a {@code stop}, both sources pause at
     * that point-in-time cut, so that a savepoint taken there holds exactly the input up to it.
     */
    public static ScannerInputs fixtures(Path fixtures, Path history, double speed, ReplayStop stop) {
        TimeOrderedFileSource<MarketEvent> frames = FixtureSource.of(List.of(fixtures), speed);
        TimeOrderedFileSource<HistoryRecord> bars =
                history != null ? BarHistorySource.of(List.of(history)) : BarHistorySource.forFixtures(fixtures);
        if (stop != null) {
            frames = frames.stoppingAt(stop.forSource(OperatorUid.SOURCE_FRAMES.value()));
            bars = bars.stoppingAt(stop.forSource(OperatorUid.SOURCE_HISTORY.value()));
        }
        // Idleness is wall-clock: in an unpaced replay a split is only ever silent because it is
        // backpressured (or paused at a stop), and marking it idle would let the watermark pass its
        // records — outputs would then depend on machine load. Paced replays keep it (a quiet split
        // is real there).
        Duration idleness = speed == 0 ? null : MarketEventWatermarks.DEFAULT_REPLAY_IDLENESS;
        return new ScannerInputs(frames,
                MarketEventWatermarks.forReplay(MarketEventWatermarks.DEFAULT_OUT_OF_ORDERNESS, idleness), bars,
                idleness, endOf(fixtures), List.of(), null, SocialInputs.none());
    }

    /**
     * The same input with this bar history: the warm-up bars of a live or Kafka input
     * ({@code run --live --history}), merged with the bars built from trades as in a replay
     * ({@code BarFunction}: a history bar wins over the trade-built one of its hour, one for an hour
     * already decided is {@code history_late}).
     */
    public ScannerInputs withHistory(Source<HistoryRecord, ?, ?> bars) {
        return new ScannerInputs(frames, frameWatermarks, bars, idleness, endOfInputMicros, controls, controlSource, social);
    }

    /** Live exchange WebSockets ({@code --source ws}); no bar history ({@link #withHistory} adds one). */
    public static ScannerInputs live(LiveSourceConfig config) {
        return of(ExchangeWebSocketSource.events(config), MarketEventWatermarks.forLive(), BarHistorySource.empty());
    }

    /** Raw frames from the ingest job's Kafka topics ({@code --source kafka}); no bar history ({@link #withHistory} adds one). */
    public static ScannerInputs kafka(String bootstrap, List<String> venues) {
        return kafka(KafkaFrameSource.Spec.of(bootstrap, venues));
    }

    // --- issue 17 (hot failover): topic prefix, group, start; fenced against re-delivered frames ---
    /** Raw frames from {@code spec}'s topics ({@code --kafka-raw-prefix/--kafka-group/--kafka-start}), fenced ({@code KafkaFrames}). */
    public static ScannerInputs kafka(KafkaFrameSource.Spec spec) {
        return of(KafkaFrameSource.frames(spec), KafkaFrameSource.watermarks(), BarHistorySource.empty());
    }
    // --- end issue 17 ---

    /** The recorded input's end ({@link ReplayFiles#endOfInputMicros}); unbounded when it has no time stamp at all. */
    private static long endOf(Path fixtures) {
        long end = ReplayFiles.endOfInputMicros(List.of(fixtures));
        return end == Long.MIN_VALUE ? Long.MAX_VALUE : end;
    }

    /**
     * The same input ending at {@code micros} of event time: bars whose interval ends later are
     * open at the end and never emitted as closed (SPEC §5).
     */
    public ScannerInputs withEndOfInput(long micros) {
        return new ScannerInputs(frames, frameWatermarks, history, idleness, micros, controls, controlSource, social);
    }

    /** The same input with a bounded control stream (replay: the commands of a control file). */
    public ScannerInputs withControls(List<ControlCommand> commands) {
        return new ScannerInputs(frames, frameWatermarks, history, idleness, endOfInputMicros, commands, null, social);
    }

    /** The same input reading control commands from a live source. */
    public ScannerInputs withControlSource(Source<ControlCommand, ?, ?> source) {
        return new ScannerInputs(frames, frameWatermarks, history, idleness, endOfInputMicros, List.of(), source, social);
    }

    /** The same input with social readings for the scan. */
    public ScannerInputs withSocial(SocialInputs readings) {
        return new ScannerInputs(frames, frameWatermarks, history, idleness, endOfInputMicros, controls, controlSource, readings);
    }
}
