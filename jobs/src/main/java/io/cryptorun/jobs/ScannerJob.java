package io.cryptorun.jobs;

import io.cryptorun.functions.alerts.AlertDecision;
import io.cryptorun.functions.alerts.AlertFunction;
import io.cryptorun.functions.alerts.ChannelScore;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.alerts.PaperExit;
import io.cryptorun.functions.alerts.PaperFunction;
import io.cryptorun.functions.bars.BarFunction;
import io.cryptorun.functions.regime.RegimeFunction;
import io.cryptorun.functions.regime.RegimeSnapshot;
import io.cryptorun.functions.scan.ScanFunction;
import io.cryptorun.functions.scan.ScanInput;
import io.cryptorun.functions.scan.ScoredAsset;
import io.cryptorun.functions.scan.TickArrival;
import io.cryptorun.functions.scan.TickArrivalFunction;
import io.cryptorun.functions.scan.TickScan;
import io.cryptorun.functions.universe.AssetSnapshot;
import io.cryptorun.functions.universe.IndicatorFunction;
import io.cryptorun.functions.universe.SymbolInput;
import io.cryptorun.jobs.output.AnalyticsJson;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.time.Micros;
import java.util.Comparator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.route.EventRouter;
import io.cryptorun.functions.route.HistoryRouter;
import io.cryptorun.jobs.db.AuditJobListener;
import io.cryptorun.jobs.db.CheckpointAuditFunction;
import io.cryptorun.jobs.db.DbConfig;
import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.db.PgRow;
import io.cryptorun.jobs.db.PgSinks;
import io.cryptorun.jobs.db.PgTable;
import io.cryptorun.jobs.control.ControlFile;
import io.cryptorun.jobs.control.ControlTopic;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.jobs.output.FileSinks;
import io.cryptorun.jobs.output.JsonCodec;
import io.cryptorun.jobs.kafka.KafkaFrameSource;
import io.cryptorun.jobs.live.LiveArgs;
import io.cryptorun.sources.replay.FixtureSource;
import io.cryptorun.sources.live.ExchangeWebSocketSource;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import io.cryptorun.sources.replay.ReplayFiles;
import io.cryptorun.sources.replay.reader.ReplayStop;
import io.cryptorun.sources.replay.TimeOrderedFileSource;
import io.cryptorun.sources.history.BarHistorySource;
import io.cryptorun.sources.history.BarHistoryWatermarks;
import io.cryptorun.sources.history.HistoryRecord;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scanner job graph. It only wires: sources and sinks come in by constructor, the logic lives
 * in {@code functions}. Every stateful operator has a fixed {@code uid} (the constants below) so
 * savepoints survive code changes; renaming one is a breaking change for running deployments.
 *
 * <pre>
 * frames ─► route ─┬─ book inputs ─► keyBy(venue|symbol) ─► order books ─► microstructure ─► sinks
 *                  ├─ trades ───────► keyBy(venue|symbol) ─┐
 * history ─► route ┼─ bars ──────────► keyBy(venue|symbol) ─┴► bars ─► sinks
 *                  └─ quarantine (source, book, bar, history) ─► quarantine sink
 * frames ─► tick arrivals ─┐         bars ∪ microstructure ─► indicators ─► snapshots ─┐   4h marks ─► regime ─┐
 *                          └────────────────────────────► scan (broadcast regime) ◄──┘ ◄──────────────────────┘
 *                                  scores ─► throttle (broadcast controls) ─► alerts / suppressed ─► paper tracker ─► exits
 * </pre>
 * With PostgreSQL configured, the JSON lines of trades, microstructure and bars (later also the
 * analytics streams) are tagged with their table, unioned and written by one exactly-once XA sink,
 * and a checkpoint audit operator records every checkpoint in {@code jobs_audit} (docs/DB.md).
 * The analytics half is {@link #buildAnalytics}; docs/ARCHITECTURE.md has the details.
 */
public final class ScannerJob {
    public static final String UID_SOURCE_FRAMES = "source-frames";
    public static final String UID_SOURCE_HISTORY = "source-history";
    public static final String UID_ROUTE_EVENTS = "route-events";
    public static final String UID_ROUTE_HISTORY = "route-history";
    public static final String UID_ORDER_BOOK = "order-book";
    public static final String UID_BARS = "bars";
    public static final String UID_SINK_MICROSTRUCTURE = "sink-microstructure";
    public static final String UID_SINK_BARS = "sink-bars";
    public static final String UID_SINK_QUARANTINE = "sink-quarantine";
    public static final String UID_KAFKA_MICROSTRUCTURE = "kafka-microstructure";
    public static final String UID_KAFKA_QUARANTINE = "kafka-quarantine";
    public static final String UID_SINK_POSTGRES = "sink-postgres";
    public static final String UID_PG_BUNDLES = "pg-bundles";
    public static final String UID_AUDIT_CHECKPOINTS = "audit-checkpoints";
    public static final String UID_KAFKA_ALERTS = "kafka-alerts";
    public static final String UID_KAFKA_EXITS = "kafka-exits";
    /** Job name in the Flink UI and in {@code jobs_audit}. */
    public static final String JOB_NAME = "cryptorun-scanner";
    public static final String UID_TICK_ARRIVALS = "tick-arrivals";
    public static final String UID_INDICATORS = "indicators";
    public static final String UID_REGIME = "regime";
    public static final String UID_SCAN = "scan";
    public static final String UID_SOURCE_CONTROLS = "source-controls";
    public static final String UID_ALERT_THROTTLE = "alert-throttle";
    public static final String UID_PAPER_TRACKER = "paper-tracker";
    public static final String UID_SINK_REGIME = "sink-regime";
    public static final String UID_SINK_SCORES = "sink-scores";
    public static final String UID_SINK_ALERTS = "sink-alerts";
    public static final String UID_SINK_SUPPRESSED = "sink-suppressed";
    public static final String UID_SINK_EXITS = "sink-exits";
    public static final String UID_SINK_CONTROL_AUDIT = "sink-control-audit";

    private final Source<MarketEvent, ?, ?> frames;
    private final WatermarkStrategy<MarketEvent> frameWatermarks;
    private final Source<HistoryRecord, ?, ?> history;
    private final ScannerSinks sinks;
    private final AnalyticsSettings settings;
    private final List<ControlCommand> controls;
    private final Source<ControlCommand, ?, ?> controlSource;
    /** Source idleness; null disables it (unpaced replays: see {@link #forFixtures}). */
    private final Duration idleness;
    /** End of a recorded input's event time ({@link ReplayFiles#endOfInputMicros}); MAX for unbounded input. */
    private final long endOfInputMicros;

    /**
     * @param frames  normalized market events (quarantined frames included)
     * @param history bar history (may read no files)
     * @param sinks   where the outputs go
     */
    public ScannerJob(Source<MarketEvent, ?, ?> frames, Source<HistoryRecord, ?, ?> history, ScannerSinks sinks) {
        this(frames, MarketEventWatermarks.forReplay(), history, sinks);
    }

    /** With the frames' watermark strategy ({@link MarketEventWatermarks#forLive()} for live and Kafka input). */
    public ScannerJob(Source<MarketEvent, ?, ?> frames, WatermarkStrategy<MarketEvent> frameWatermarks,
            Source<HistoryRecord, ?, ?> history, ScannerSinks sinks) {
        this(frames, frameWatermarks, history, sinks, AnalyticsSettings.defaults(), List.of(), null,
                MarketEventWatermarks.DEFAULT_REPLAY_IDLENESS, Long.MAX_VALUE);
    }

    private ScannerJob(Source<MarketEvent, ?, ?> frames, WatermarkStrategy<MarketEvent> frameWatermarks,
            Source<HistoryRecord, ?, ?> history, ScannerSinks sinks, AnalyticsSettings settings,
            List<ControlCommand> controls, Source<ControlCommand, ?, ?> controlSource, Duration idleness,
            long endOfInputMicros) {
        this.frames = frames;
        this.frameWatermarks = frameWatermarks;
        this.history = history;
        this.sinks = sinks;
        this.settings = settings;
        this.controls = List.copyOf(controls);
        this.controlSource = controlSource;
        this.idleness = idleness;
        this.endOfInputMicros = endOfInputMicros;
    }

    /**
     * The same job over a recorded input that ends at {@code micros} of event time: bars whose
     * interval ends later are open at the end and never emitted as closed (SPEC §5).
     */
    public ScannerJob withEndOfInput(long micros) {
        return new ScannerJob(frames, frameWatermarks, history, sinks, settings, controls, controlSource, idleness,
                micros);
    }

    /** The same job with other analytics thresholds. */
    public ScannerJob withSettings(AnalyticsSettings newSettings) {
        return new ScannerJob(frames, frameWatermarks, history, sinks, newSettings, controls, controlSource, idleness,
                endOfInputMicros);
    }

    /** The same job with a bounded control stream (replay: the commands of a control file). */
    public ScannerJob withControls(List<ControlCommand> commands) {
        return new ScannerJob(frames, frameWatermarks, history, sinks, settings, commands, null, idleness,
                endOfInputMicros);
    }

    /** The same job reading control commands from a live source ({@link ControlTopic#source}). */
    public ScannerJob withControlSource(Source<ControlCommand, ?, ?> source) {
        return new ScannerJob(frames, frameWatermarks, history, sinks, settings, List.of(), source, idleness,
                endOfInputMicros);
    }

    /**
     * A replay over fixture files or a fixture directory. History defaults to the fixture
     * directory's history files (none for plain files).
     */
    public static ScannerJob forFixtures(Path fixtures, Path history, double speed, ScannerSinks sinks) {
        return forFixtures(fixtures, history, speed, null, sinks);
    }

    /**
     * A replay that pauses both sources at a point-in-time cut ({@code stop}, or {@code null} to
     * run to the end), so that a savepoint taken there holds exactly the input up to it.
     */
    public static ScannerJob forFixtures(Path fixtures, Path history, double speed, ReplayStop stop, ScannerSinks sinks) {
        TimeOrderedFileSource<MarketEvent> frames = FixtureSource.of(List.of(fixtures), speed);
        TimeOrderedFileSource<HistoryRecord> bars =
                history != null ? BarHistorySource.of(List.of(history)) : BarHistorySource.forFixtures(fixtures);
        if (stop != null) {
            frames = frames.stoppingAt(stop.forSource(UID_SOURCE_FRAMES));
            bars = bars.stoppingAt(stop.forSource(UID_SOURCE_HISTORY));
        }
        // Idleness is wall-clock: in an unpaced replay a split is only ever silent because it is
        // backpressured (or paused at a stop), and marking it idle would let the watermark pass its
        // records — outputs would then depend on machine load. Paced replays keep it (a quiet split
        // is real there).
        Duration idleness = speed == 0 ? null : MarketEventWatermarks.DEFAULT_REPLAY_IDLENESS;
        return new ScannerJob(frames, MarketEventWatermarks.forReplay(MarketEventWatermarks.DEFAULT_OUT_OF_ORDERNESS, idleness),
                bars, sinks, AnalyticsSettings.defaults(), List.of(), null, idleness,
                endOf(fixtures));
    }

    /** The recorded input's end ({@link ReplayFiles#endOfInputMicros}); unbounded when it has no time stamp at all. */
    private static long endOf(Path fixtures) {
        long end = ReplayFiles.endOfInputMicros(List.of(fixtures));
        return end == Long.MIN_VALUE ? Long.MAX_VALUE : end;
    }

    /** Sources of a fixture replay that report reaching a {@link ReplayStop}, per unit of parallelism. */
    public static final int STOP_AWARE_SOURCES = 2;

    /** Live exchange WebSockets ({@code --source ws}); no bar history. */
    public static ScannerJob forLive(LiveSourceConfig config, ScannerSinks sinks) {
        return new ScannerJob(ExchangeWebSocketSource.events(config), MarketEventWatermarks.forLive(), BarHistorySource.empty(), sinks);
    }

    /** Raw frames from the ingest job's Kafka topics ({@code --source kafka}); no bar history. */
    public static ScannerJob forKafka(String bootstrap, List<String> venues, ScannerSinks sinks) {
        return new ScannerJob(KafkaFrameSource.of(bootstrap, venues, "cryptorun-scanner"), MarketEventWatermarks.forLive(),
                BarHistorySource.empty(), sinks);
    }

    public void build(StreamExecutionEnvironment env) {
        // every threshold in force, shown by the Flink web UI (Job → Configuration → user configuration)
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(ThresholdConfig.describe(settings)));
        DataStream<MarketEvent> events = env
                .fromSource(frames, frameWatermarks, "frames")
                .uid(UID_SOURCE_FRAMES);
        SingleOutputStreamOperator<MarketEvent> routed = events
                .process(new EventRouter())
                .uid(UID_ROUTE_EVENTS)
                .name("route events");

        SingleOutputStreamOperator<Microstructure> micro = routed
                .keyBy(OrderBookFunction.KEY_SELECTOR)
                .process(new OrderBookFunction())
                .uid(UID_ORDER_BOOK)
                .name("order books");

        SingleOutputStreamOperator<Bar> historyBars = env
                .fromSource(history, BarHistoryWatermarks.forHistory(BarHistoryWatermarks.DEFAULT_OUT_OF_ORDERNESS, idleness),
                        "bar history")
                .uid(UID_SOURCE_HISTORY)
                .process(new HistoryRouter())
                .uid(UID_ROUTE_HISTORY)
                .name("route history");

        SingleOutputStreamOperator<Bar> bars = routed.getSideOutput(EventRouter.TRADES)
                .keyBy(BarFunction.TRADE_KEY)
                .connect(historyBars.keyBy(BarFunction.HISTORY_KEY))
                .process(new BarFunction(endOfInputMicros))
                .uid(UID_BARS)
                .name("bars");

        DataStream<Quarantine> quarantine = routed.getSideOutput(EventRouter.QUARANTINE)
                .union(micro.getSideOutput(OrderBookFunction.QUARANTINE),
                        bars.getSideOutput(BarFunction.QUARANTINE),
                        historyBars.getSideOutput(HistoryRouter.QUARANTINE));

        DataStream<String> microJson = micro.map(JsonCodec::microstructure).uid("encode-microstructure").name("microstructure json");
        microJson.sinkTo(sinks.microstructure()).uid(UID_SINK_MICROSTRUCTURE).name("microstructure sink");
        DataStream<String> barsJson = bars.map(JsonCodec::bar).uid("encode-bars").name("bars json");
        barsJson.sinkTo(sinks.bars()).uid(UID_SINK_BARS).name("bars sink");
        quarantine.map(JsonCodec::quarantine).uid("encode-quarantine").name("quarantine json")
                .sinkTo(sinks.quarantine()).uid(UID_SINK_QUARANTINE).name("quarantine sink");
        AnalyticsLines analytics = buildAnalytics(env, events, micro, bars);
        sinks.kafkaMicrostructure().ifPresent(kafka -> micro
                .map(new KeyedMicrostructure()).uid("encode-kafka-microstructure").name("microstructure kafka json")
                .sinkTo(kafka).uid(UID_KAFKA_MICROSTRUCTURE).name("microstructure kafka sink"));
        sinks.kafkaQuarantine().ifPresent(kafka -> quarantine
                .map(new KeyedQuarantine()).uid("encode-kafka-quarantine").name("quarantine kafka json")
                .sinkTo(kafka).uid(UID_KAFKA_QUARANTINE).name("quarantine kafka sink"));

        sinks.postgres().ifPresent(pg -> {
            // every table through one XA sink (PgSinks explains why): a new stream joins this union
            DataStream<PgRow> rows = microJson.map(PgRow.of(PgTable.MICROSTRUCTURE)).uid("pg-rows-microstructure")
                    .union(barsJson.map(PgRow.of(PgTable.BARS)).uid("pg-rows-bars"),
                            bars.getSideOutput(BarFunction.ACCEPTED_TRADES).map(JsonCodec::trade).uid("encode-trades")
                                    .name("trades json").map(PgRow.of(PgTable.TRADES)).uid("pg-rows-trades"),
                            analytics.regime().map(PgRow.of(PgTable.REGIME_SNAPSHOTS)).uid("pg-rows-regime"),
                            analytics.scores().map(PgRow.of(PgTable.PREMOVE_ARTIFACTS)).uid("pg-rows-premove-artifacts"),
                            analytics.alerts().map(PgRow.of(PgTable.ALERTS)).uid("pg-rows-alerts"),
                            analytics.suppressed().map(PgRow.of(PgTable.SUPPRESSED_ALERTS)).uid("pg-rows-suppressed"),
                            analytics.exits().map(PgRow.of(PgTable.EXITS)).uid("pg-rows-exits"),
                            analytics.controlAudit().map(PgRow.of(PgTable.CONTROL_AUDIT)).uid("pg-rows-control-audit"));
            rows.transform("postgres bundles", TypeInformation.of(PgRow.class), PgSinks.bundler(pg)).uid(UID_PG_BUNDLES)
                    .sinkTo(PgSinks.exactlyOnce(pg)).uid(UID_SINK_POSTGRES).name("postgres sink");
            // lives as long as the job (the quarantine stream ends with the last input), so it sees every checkpoint
            quarantine.process(new CheckpointAuditFunction(pg, JOB_NAME, Clock.systemUTC())).uid(UID_AUDIT_CHECKPOINTS)
                    .name("checkpoint audit").setParallelism(1);
        });
    }

    /** Kafka record: key = symbol (none for a frame without one), value = the quarantine JSON line. */
    static final class KeyedQuarantine implements MapFunction<Quarantine, KafkaJsonSink.Keyed> {
        private static final long serialVersionUID = 1L;

        @Override
        public KafkaJsonSink.Keyed map(Quarantine q) {
            return new KafkaJsonSink.Keyed(q.symbol() == null || q.symbol().isEmpty() ? null : q.symbol(), JsonCodec.quarantine(q));
        }
    }

    /**
     * SPEC §5–§9: per-symbol indicators → regime vote (broadcast) → per-tick scan with gates →
     * throttled alerts (control commands broadcast) → paper exits.
     */
    private AnalyticsLines buildAnalytics(StreamExecutionEnvironment env, DataStream<MarketEvent> events,
            DataStream<Microstructure> micro, DataStream<Bar> bars) {
        SingleOutputStreamOperator<TickArrival> arrivals = events
                .filter(new HasHeader()).name("frames with a header")
                .keyBy(TickArrivalFunction.KEY)
                .process(new TickArrivalFunction())
                .uid(UID_TICK_ARRIVALS)
                .name("tick arrivals");

        DataStream<SymbolInput> symbolInputs = bars
                .filter(new IndicatorBar()).name("1h/4h bars")
                .map(SymbolInput::of).returns(SymbolInput.class).name("bar input")
                .union(micro.map(SymbolInput::of).returns(SymbolInput.class).name("microstructure input"));
        SingleOutputStreamOperator<AssetSnapshot> snapshots = symbolInputs
                .keyBy(IndicatorFunction.KEY)
                .process(new IndicatorFunction(settings.universe()))
                .uid(UID_INDICATORS)
                .name("indicators");

        SingleOutputStreamOperator<RegimeSnapshot> regimes = snapshots.getSideOutput(IndicatorFunction.FOUR_HOUR_MARKS)
                .keyBy(RegimeFunction.KEY)
                .process(new RegimeFunction(settings.regime(), settings.regimeAsset()))
                .uid(UID_REGIME)
                .name("regime");

        SingleOutputStreamOperator<ScoredAsset> scored = snapshots
                .map(ScanInput::of).returns(ScanInput.class).name("snapshot input")
                .union(arrivals.map(ScanInput::of).returns(ScanInput.class).name("arrival input"))
                .keyBy(ScanFunction.KEY)
                .connect(regimes.broadcast(ScanFunction.REGIMES))
                .process(new ScanFunction(new TickScan(settings.scoring(), settings.gates())))
                .uid(UID_SCAN)
                .name("scan");

        List<ControlCommand> sortedControls = controls.stream()
                .sorted(Comparator.comparingLong(ControlCommand::tsMicros).thenComparingLong(ControlCommand::seq))
                .toList();
        // fromData fails on an empty collection (Flink 1.20), so no commands is a one-element
        // sequence mapped to nothing: same type, finishes at once, watermark to MAX
        SingleOutputStreamOperator<ControlCommand> controlStream;
        if (controlSource != null) {
            controlStream = env.fromSource(controlSource, ControlTopic.watermarks(), "controls")
                    .uid(UID_SOURCE_CONTROLS)
                    .name("controls");
        } else {
            DataStream<ControlCommand> commands = sortedControls.isEmpty()
                    ? env.fromSequence(0, 0).flatMap(new NoCommands()).returns(ControlCommand.class)
                    : env.fromData(sortedControls, TypeInformation.of(ControlCommand.class));
            controlStream = commands
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<ControlCommand>forMonotonousTimestamps()
                            .withTimestampAssigner((c, ts) -> Micros.toMillis(c.tsMicros())))
                    .uid(UID_SOURCE_CONTROLS)
                    .name("controls");
        }

        SingleOutputStreamOperator<AlertDecision> alerts = scored
                .filter(ScoredAsset::pass).name("gates passed")
                .flatMap(new ToChannels(settings.channels())).name("per channel")
                .keyBy(AlertFunction.KEY)
                .connect(controlStream.broadcast(AlertFunction.CONTROLS))
                .process(new AlertFunction(settings.throttle()))
                .uid(UID_ALERT_THROTTLE)
                .name("alert throttle");

        SingleOutputStreamOperator<PaperExit> exits = alerts
                .keyBy(PaperFunction.ALERT_KEY)
                .connect(scored.keyBy(PaperFunction.SCORE_KEY))
                .process(new PaperFunction(settings.paper()))
                .uid(UID_PAPER_TRACKER)
                .name("paper tracker");

        AnalyticsLines lines = new AnalyticsLines(
                regimes.map(AnalyticsJson::regime).uid("encode-regime").name("regime json"),
                scored.map(AnalyticsJson::score).uid("encode-scores").name("scores json"),
                alerts.map(AnalyticsJson::alert).uid("encode-alerts").name("alerts json"),
                alerts.getSideOutput(AlertFunction.SUPPRESSED).map(AnalyticsJson::suppressed).uid("encode-suppressed")
                        .name("suppressed json"),
                exits.map(AnalyticsJson::exit).uid("encode-exits").name("exits json"),
                controlStream.map(AnalyticsJson::controlAudit).uid("encode-control-audit").name("control audit json"));
        lines.regime().sinkTo(sinks.regime()).uid(UID_SINK_REGIME).name("regime sink");
        lines.scores().sinkTo(sinks.scores()).uid(UID_SINK_SCORES).name("scores sink");
        lines.alerts().sinkTo(sinks.alerts()).uid(UID_SINK_ALERTS).name("alerts sink");
        lines.suppressed().sinkTo(sinks.suppressed()).uid(UID_SINK_SUPPRESSED).name("suppressed sink");
        lines.exits().sinkTo(sinks.exits()).uid(UID_SINK_EXITS).name("exits sink");
        lines.controlAudit().sinkTo(sinks.controlAudit()).uid(UID_SINK_CONTROL_AUDIT).name("control audit sink");
        // Kafka values are the very lines of alerts.jsonl / exits.jsonl, keyed by symbol
        sinks.kafkaAlerts().ifPresent(kafka -> alerts
                .map(d -> new KafkaJsonSink.Keyed(d.scored().symbol(), AnalyticsJson.alert(d)))
                .returns(KafkaJsonSink.Keyed.class).uid("encode-kafka-alerts").name("alerts kafka json")
                .sinkTo(kafka).uid(UID_KAFKA_ALERTS).name("alerts kafka sink"));
        sinks.kafkaExits().ifPresent(kafka -> exits
                .map(e -> new KafkaJsonSink.Keyed(e.symbol(), AnalyticsJson.exit(e)))
                .returns(KafkaJsonSink.Keyed.class).uid("encode-kafka-exits").name("exits kafka json")
                .sinkTo(kafka).uid(UID_KAFKA_EXITS).name("exits kafka sink"));
        return lines;
    }

    /** The JSON lines of the analytics outputs, for the sinks beyond the files (PostgreSQL). */
    private record AnalyticsLines(DataStream<String> regime, DataStream<String> scores, DataStream<String> alerts,
            DataStream<String> suppressed, DataStream<String> exits, DataStream<String> controlAudit) {}

    /** Frames the tick-arrival operator can use (quarantined ones have no header). */
    static final class HasHeader implements FilterFunction<MarketEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(MarketEvent e) {
            return e.kind() != EventKind.QUARANTINE;
        }
    }

    /** The empty control stream. */
    static final class NoCommands implements FlatMapFunction<Long, ControlCommand> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long ignored, Collector<ControlCommand> out) {}
    }

    /** The bar intervals indicators use. */
    static final class IndicatorBar implements FilterFunction<Bar> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(Bar b) {
            return Bar.H1.equals(b.interval()) || Bar.H4.equals(b.interval());
        }
    }

    /** One candidate per configured user/channel. */
    static final class ToChannels implements FlatMapFunction<ScoredAsset, ChannelScore> {
        private static final long serialVersionUID = 1L;
        private final String[] channels;

        ToChannels(String[] channels) {
            this.channels = channels.clone();
        }

        @Override
        public void flatMap(ScoredAsset a, Collector<ChannelScore> out) {
            for (String c : channels) {
                out.collect(new ChannelScore(c, a));
            }
        }
    }

    /** Kafka record: key = symbol, value = the same JSON line as the file output. */
    static final class KeyedMicrostructure implements MapFunction<Microstructure, KafkaJsonSink.Keyed> {
        private static final long serialVersionUID = 1L;

        @Override
        public KafkaJsonSink.Keyed map(Microstructure m) {
            return new KafkaJsonSink.Keyed(m.symbol(), JsonCodec.microstructure(m));
        }
    }

    /**
     * Entry point of the shaded job jar on a Flink cluster ({@code flink run}):
     * {@code --fixtures <file|dir> --out <dir> [--history <file|dir>] [--speed max|N] [--kafka <bootstrap>]
     * [--kafka-topic <topic>] [--controls <file> | --control-topic <topic>] [--channels a,b]
     * [--pg-dsn <dsn>] [--pg-user <role>] [--pg-password-file <file>] [--config <yaml>]}; the control
     * topic is read from the {@code --kafka} bootstrap servers, PostgreSQL settings also come from env
     * PG_DSN, PG_PASSWORD, … as for {@code cryptorun replay}. Outputs are the sinks' committed part files under
     * {@code <out>/_parts/}; the local {@code cryptorun replay} additionally merges and sorts them.
     */
    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        String source = p.get("source", "fixtures");
        if (!source.equals("fixtures")) { // --source ws|kafka [--venues …] [--symbols …]
            mainLive(p, source);
            return;
        }
        Path fixtures = Path.of(p.getRequired("fixtures"));
        Path out = Path.of(p.getRequired("out"));
        Path history = p.has("history") ? Path.of(p.get("history")) : null;
        double speed = FixtureSource.parseSpeed(p.get("speed", "max"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(10_000); // sinks commit on checkpoints
        }
        Optional<PgSettings> pg = DbConfig.resolve(new DbConfig.Cli(p.get("pg-dsn"), p.get("pg-user"),
                p.has("pg-password-file") ? Path.of(p.get("pg-password-file")) : null),
                p.has("config") ? Path.of(p.get("config")) : null, System.getenv());
        if (pg.isPresent()) {
            if (pg.get().migrate()) DbMigrations.migrate(pg.get(), Instant.now());
            env.registerJobListener(new AuditJobListener(pg.get(), JOB_NAME, Clock.systemUTC()));
        }
        ScannerJob job = forFixtures(fixtures, history, speed,
                new FileSinks(out, p.get("kafka", System.getenv("KAFKA_BOOTSTRAP")), p.get("kafka-topic", "cryptorun.microstructure"))
                        .withPostgres(pg.orElse(null)));
        job = job.withSettings(settings(p));
        if (p.has("control-topic")) {
            String bootstrap = p.get("kafka", System.getenv("KAFKA_BOOTSTRAP"));
            job = job.withControlSource(ControlTopic.source(bootstrap, p.get("control-topic")));
        } else if (p.has("controls")) {
            job = job.withControls(ControlFile.read(Path.of(p.get("controls"))));
        }
        job.build(env);
        env.execute(JOB_NAME);
    }

    /**
     * The analytics settings of the cluster entry's arguments: the {@code thresholds:} of
     * {@code --config <yaml>} (SPEC values without it; a bad value throws one-line
     * {@link InvalidSettingsException}) and the {@code --channels a,b}.
     */
    static AnalyticsSettings settings(ParameterTool p) throws java.io.IOException {
        AnalyticsSettings settings = ThresholdConfig.load(p.has("config") ? Path.of(p.get("config")) : null,
                AnalyticsSettings.defaults());
        return p.has("channels") ? settings.withChannels(p.get("channels").split(",")) : settings;
    }

    /** {@code --source ws|kafka --out <dir> [--venues …] [--config <yaml>] [--channels a,b] [--symbols …] [--kafka <bootstrap>]}: live input, runs until cancelled. */
    private static void mainLive(ParameterTool p, String source) throws Exception {
        Path out = Path.of(p.getRequired("out"));
        String bootstrap = p.get("kafka", System.getenv("KAFKA_BOOTSTRAP"));
        String venues = p.get("venues", LiveArgs.DEFAULT_VENUES);
        FileSinks sinks = new FileSinks(out, bootstrap, p.get("kafka-topic", "cryptorun.microstructure"));
        ScannerJob job = switch (source) {
            case "ws" -> forLive(LiveArgs.config(venues, p.get("symbols", LiveArgs.DEFAULT_SYMBOLS), System.getenv()), sinks);
            case "kafka" -> forKafka(bootstrap, LiveArgs.venues(venues), sinks);
            default -> throw new IllegalArgumentException("--source must be fixtures, ws or kafka: " + source);
        };
        job = job.withSettings(settings(p));
        if (p.has("control-topic")) {
            job = job.withControlSource(ControlTopic.source(bootstrap, p.get("control-topic")));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(10_000);
        }
        job.build(env);
        env.execute("cryptorun-scanner-" + source);
    }
}
