package io.cryptorun.jobs;

import static io.cryptorun.jobs.OperatorUid.*;

import io.cryptorun.functions.alerts.AlertDecision;
import io.cryptorun.functions.alerts.AlertFunction;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.alerts.PaperExit;
import io.cryptorun.functions.alerts.PaperFunction;
import io.cryptorun.functions.bars.BarFunction;
import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.validate.FlaggedMicrostructure;
import io.cryptorun.functions.regime.RegimeFunction;
import io.cryptorun.functions.regime.RegimeSnapshot;
import io.cryptorun.functions.route.EventRouter;
import io.cryptorun.functions.route.HistoryRouter;
import io.cryptorun.functions.scan.ScanFunction;
import io.cryptorun.functions.scan.ScanInput;
import io.cryptorun.functions.scan.ScoredAsset;
import io.cryptorun.functions.scan.TickArrival;
import io.cryptorun.functions.scan.TickArrivalFunction;
import io.cryptorun.functions.scan.TickScan;
import io.cryptorun.functions.universe.AssetSnapshot;
import io.cryptorun.functions.universe.IndicatorFunction;
import io.cryptorun.functions.universe.SymbolInput;
import io.cryptorun.jobs.db.CheckpointAuditFunction;
import io.cryptorun.jobs.db.PgRow;
import io.cryptorun.jobs.db.PgSinks;
import io.cryptorun.jobs.db.PgTable;
import io.cryptorun.jobs.control.ControlTopic;
import io.cryptorun.jobs.graph.HasHeader;
import io.cryptorun.jobs.graph.IndicatorBar;
import io.cryptorun.jobs.graph.KeyedMicrostructure;
import io.cryptorun.jobs.graph.KeyedQuarantine;
import io.cryptorun.jobs.graph.NoCommands;
import io.cryptorun.jobs.graph.ToChannels;
import io.cryptorun.jobs.kafka.KafkaFrames;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.jobs.output.AnalyticsJson;
import io.cryptorun.jobs.output.JsonCodec;
import io.cryptorun.jobs.validate.BookStateValidationFunction;
import io.cryptorun.jobs.validate.TradeValidationFunction;
import io.cryptorun.jobs.validate.ValidationSettings;
import io.cryptorun.sources.history.BarHistoryWatermarks;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.time.Micros;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scanner job graph, and nothing else: {@code new ScannerJob(inputs, outputs, settings).build(env)}
 * (the shape of apache/flink-training's solutions). Where data comes from and goes to is the
 * launcher's choice ({@code cli/ScannerLauncher}); the logic lives in {@code functions}. Every
 * operator has a fixed uid from {@link OperatorUid} so savepoints survive code changes.
 *
 * <pre>
 * frames ─► route ─┬─ book inputs ─► keyBy(venue|symbol) ─► order books ─► keyBy(symbol) ─► validate book states ─► sinks
 *                  │                                              (flagged: to the sinks with their flags, not to the indicators)
 *                  ├─ trades ─► keyBy(symbol) ─► validate ─► keyBy(venue|symbol) ─┐  (flagged ─► quarantine)
 * history ─► route ┼─ bars ──────────► keyBy(venue|symbol) ─┴► bars ─► sinks
 *                  └─ quarantine (source, book, bar, history) ─► quarantine sink
 * frames ─► tick arrivals ─┐         bars ∪ microstructure ─► indicators ─► snapshots ─┐   4h marks ─► regime ─┐
 *                          └────────────────────────────► scan (broadcast regime) ◄──┘ ◄──────────────────────┘
 *                                  scores ─► throttle (broadcast controls) ─► alerts / suppressed ─► paper tracker ─► exits
 * </pre>
 * With PostgreSQL configured, the JSON lines of every table are tagged with their table, unioned
 * and written by one exactly-once XA sink, and a checkpoint audit operator records every checkpoint
 * in {@code jobs_audit} (docs/DB.md). docs/ARCHITECTURE.md draws the whole graph with its uids.
 */
public final class ScannerJob {
    /** Job name in the Flink UI and in {@code jobs_audit}. */
    public static final String JOB_NAME = "cryptorun-scanner";

    private final ScannerInputs inputs;
    private final ScannerOutputs outputs;
    private final AnalyticsSettings settings;
    private final ValidationSettings validation;

    public ScannerJob(ScannerInputs inputs, ScannerOutputs outputs, AnalyticsSettings settings) {
        this(inputs, outputs, settings, ValidationSettings.defaults());
    }

    public ScannerJob(ScannerInputs inputs, ScannerOutputs outputs, AnalyticsSettings settings, ValidationSettings validation) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.settings = settings;
        this.validation = validation;
    }

    public void build(StreamExecutionEnvironment env) {
        // every threshold in force, shown by the Flink web UI (Job → Configuration → user configuration)
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(ThresholdConfig.describe(settings)));
        DataStream<MarketEvent> events = env
                .fromSource(inputs.frames(), inputs.frameWatermarks(), "frames")
                .uid(KafkaFrames.sourceUid(SOURCE_FRAMES.value(), inputs.frames())); // SOURCE_FRAMES, or source-frames@<prefix> (issue 17)
        events = KafkaFrames.fenced(events, inputs.frames()); // Kafka input: re-delivered frames dropped (issue 17)
        SingleOutputStreamOperator<MarketEvent> routed = events
                .process(new EventRouter())
                .uid(ROUTE_EVENTS.value())
                .name("route events");

        SingleOutputStreamOperator<Microstructure> micro = routed
                .keyBy(OrderBookFunction.KEY_SELECTOR)
                .process(new OrderBookFunction())
                .uid(ORDER_BOOK.value())
                .name("order books");

        SingleOutputStreamOperator<Bar> historyBars = env
                .fromSource(inputs.history(),
                        BarHistoryWatermarks.forHistory(BarHistoryWatermarks.DEFAULT_OUT_OF_ORDERNESS, inputs.idleness()),
                        "bar history")
                .uid(SOURCE_HISTORY.value())
                .process(new HistoryRouter())
                .uid(ROUTE_HISTORY.value())
                .name("route history");

        DataStream<MarketEvent> trades = routed.getSideOutput(EventRouter.TRADES);
        SingleOutputStreamOperator<MarketEvent> validated = null;
        if (validation.enabled()) { // issue 17: flagged trades are quarantined, kept out of bars and scores
            validated = trades
                    .keyBy(TradeValidationFunction.SYMBOL_KEY)
                    .process(new TradeValidationFunction(validation))
                    .uid(VALIDATE_TRADES.value())
                    .name("validate trades");
            trades = validated;
        }
        SingleOutputStreamOperator<Bar> bars = trades
                .keyBy(BarFunction.TRADE_KEY)
                .connect(historyBars.keyBy(BarFunction.HISTORY_KEY))
                .process(new BarFunction(inputs.endOfInputMicros()))
                .uid(BARS.value())
                .name("bars");

        DataStream<Quarantine> upstreamQuarantine = routed.getSideOutput(EventRouter.QUARANTINE)
                .union(micro.getSideOutput(OrderBookFunction.QUARANTINE),
                        bars.getSideOutput(BarFunction.QUARANTINE),
                        historyBars.getSideOutput(HistoryRouter.QUARANTINE));
        // issue 14: social readings (file or cryptorun.social topic); a topic's bad values are quarantined
        SocialInputs.Streams social = inputs.social().streams(env);
        DataStream<Quarantine> quarantine = social.quarantinedTo(validated == null ? upstreamQuarantine
                : upstreamQuarantine.union(validated.getSideOutput(TradeValidationFunction.QUARANTINE)));

        // issue 17: book states whose mid is anomalous are written with their flags but kept out of the scores
        DataStream<Microstructure> cleanMicro = micro;
        DataStream<FlaggedMicrostructure> flaggedMicro = null;
        if (validation.enabled() && validation.books()) {
            SingleOutputStreamOperator<Microstructure> checked = micro
                    .keyBy(BookStateValidationFunction.SYMBOL_KEY)
                    .process(new BookStateValidationFunction(validation))
                    .uid(VALIDATE_BOOKS.value())
                    .name("validate book states");
            cleanMicro = checked;
            flaggedMicro = checked.getSideOutput(BookStateValidationFunction.FLAGGED);
        }
        DataStream<String> cleanJson = cleanMicro.map(JsonCodec::microstructure).uid(ENCODE_MICROSTRUCTURE.value())
                .name("microstructure json");
        DataStream<String> microJson = flaggedMicro == null ? cleanJson
                : cleanJson.union(flaggedMicro.map(JsonCodec::flaggedMicrostructure)
                        .uid(ENCODE_FLAGGED_MICROSTRUCTURE.value()).name("flagged microstructure json"));
        sink(microJson, OutputKind.MICROSTRUCTURE);
        DataStream<String> barsJson = bars.map(JsonCodec::bar).uid(ENCODE_BARS.value()).name("bars json");
        sink(barsJson, OutputKind.BARS);
        sink(quarantine.map(JsonCodec::quarantine).uid(ENCODE_QUARANTINE.value()).name("quarantine json"),
                OutputKind.QUARANTINE);
        AnalyticsLines analytics = buildAnalytics(env, events, cleanMicro, bars, social);
        DataStream<Microstructure> kafkaMicro = cleanMicro;
        DataStream<FlaggedMicrostructure> kafkaFlagged = flaggedMicro;
        outputs.kafka(OutputKind.MICROSTRUCTURE).ifPresent(kafka -> {
            DataStream<KafkaJsonSink.Keyed> keyed = kafkaMicro
                    .map(new KeyedMicrostructure()).uid(ENCODE_KAFKA_MICROSTRUCTURE.value()).name("microstructure kafka json");
            if (kafkaFlagged != null) {
                keyed = keyed.union(kafkaFlagged.map(new KeyedMicrostructure.Flagged())
                        .uid(ENCODE_KAFKA_FLAGGED_MICROSTRUCTURE.value()).name("flagged microstructure kafka json"));
            }
            keyed.sinkTo(kafka).uid(KAFKA_MICROSTRUCTURE.value()).name("microstructure kafka sink");
        });
        outputs.kafka(OutputKind.QUARANTINE).ifPresent(kafka -> quarantine
                .map(new KeyedQuarantine()).uid(ENCODE_KAFKA_QUARANTINE.value()).name("quarantine kafka json")
                .sinkTo(kafka).uid(KAFKA_QUARANTINE.value()).name("quarantine kafka sink"));

        outputs.postgres().ifPresent(pg -> {
            // every table through one XA sink (PgSinks explains why): a new stream joins this union
            DataStream<PgRow> rows = microJson.map(PgRow.of(PgTable.MICROSTRUCTURE)).uid(PG_ROWS_MICROSTRUCTURE.value())
                    .union(barsJson.map(PgRow.of(PgTable.BARS)).uid(PG_ROWS_BARS.value()),
                            bars.getSideOutput(BarFunction.ACCEPTED_TRADES).map(JsonCodec::trade).uid(ENCODE_TRADES.value())
                                    .name("trades json").map(PgRow.of(PgTable.TRADES)).uid(PG_ROWS_TRADES.value()),
                            analytics.regime().map(PgRow.of(PgTable.REGIME_SNAPSHOTS)).uid(PG_ROWS_REGIME.value()),
                            analytics.scores().map(PgRow.of(PgTable.PREMOVE_ARTIFACTS)).uid(PG_ROWS_PREMOVE_ARTIFACTS.value()),
                            analytics.alerts().map(PgRow.of(PgTable.ALERTS)).uid(PG_ROWS_ALERTS.value()),
                            analytics.suppressed().map(PgRow.of(PgTable.SUPPRESSED_ALERTS)).uid(PG_ROWS_SUPPRESSED.value()),
                            analytics.exits().map(PgRow.of(PgTable.EXITS)).uid(PG_ROWS_EXITS.value()),
                            analytics.controlAudit().map(PgRow.of(PgTable.CONTROL_AUDIT)).uid(PG_ROWS_CONTROL_AUDIT.value()),
                            analytics.universe().map(PgRow.of(PgTable.UNIVERSE)).uid(PG_ROWS_UNIVERSE.value()));
            rows.transform("postgres bundles", TypeInformation.of(PgRow.class), PgSinks.bundler(pg)).uid(PG_BUNDLES.value())
                    .sinkTo(PgSinks.exactlyOnce(pg)).uid(SINK_POSTGRES.value()).name("postgres sink");
            // lives as long as the job (the quarantine stream ends with the last input), so it sees every checkpoint
            quarantine.process(new CheckpointAuditFunction(pg, JOB_NAME, Clock.systemUTC())).uid(AUDIT_CHECKPOINTS.value())
                    .name("checkpoint audit").setParallelism(1);
        });
    }

    /** {@code kind}'s JSON lines into its sink, under the kind's uid and name (and into the cold tier when on). */
    private void sink(DataStream<String> lines, OutputKind kind) {
        lines.sinkTo(outputs.lines(kind)).uid(kind.sinkUid().value()).name(kind.stream().replace('_', ' ') + " sink");
        outputs.cold(kind).ifPresent(cold -> lines.sinkTo(cold).uid(kind.coldUid().value())
                .name(kind.coldTable().replace('_', ' ') + " cold partitions"));
    }

    /**
     * SPEC §5–§9: per-symbol indicators → regime vote (broadcast) → per-tick scan with gates →
     * throttled alerts (control commands broadcast) → paper exits.
     */
    private AnalyticsLines buildAnalytics(StreamExecutionEnvironment env, DataStream<MarketEvent> events,
            DataStream<Microstructure> micro, DataStream<Bar> bars, SocialInputs.Streams social) {
        SingleOutputStreamOperator<TickArrival> arrivals = events
                .filter(new HasHeader()).name("frames with a header")
                .keyBy(TickArrivalFunction.KEY)
                .process(new TickArrivalFunction())
                .uid(TICK_ARRIVALS.value())
                .name("tick arrivals");

        DataStream<SymbolInput> symbolInputs = bars
                .filter(new IndicatorBar()).name("1h/4h bars")
                .map(SymbolInput::of).returns(SymbolInput.class).name("bar input")
                .union(micro.map(SymbolInput::of).returns(SymbolInput.class).name("microstructure input"));
        SingleOutputStreamOperator<AssetSnapshot> snapshots = symbolInputs
                .keyBy(IndicatorFunction.KEY)
                .process(new IndicatorFunction(settings.universe(), settings.gates().vadrTiers()))
                .uid(INDICATORS.value())
                .name("indicators");

        SingleOutputStreamOperator<RegimeSnapshot> regimes = snapshots.getSideOutput(IndicatorFunction.FOUR_HOUR_MARKS)
                .keyBy(RegimeFunction.KEY)
                .process(new RegimeFunction(settings.regime(), settings.regimeAsset()))
                .uid(REGIME.value())
                .name("regime");

        DataStream<ScanInput> scanInputs = snapshots
                .map(ScanInput::of).returns(ScanInput.class).name("snapshot input")
                .union(arrivals.map(ScanInput::of).returns(ScanInput.class).name("arrival input"));
        scanInputs = social.joinedTo(scanInputs); // issue 14: social readings join the scan input (none: unchanged)
        SingleOutputStreamOperator<ScoredAsset> scored = scanInputs
                .keyBy(ScanFunction.KEY)
                .connect(regimes.broadcast(ScanFunction.REGIMES))
                .process(new ScanFunction(new TickScan(settings.scoring(), settings.gates())))
                .uid(SCAN.value())
                .name("scan");

        SingleOutputStreamOperator<ControlCommand> controlStream = controls(env);

        // issue 16: the scan's gate-passing assets and per-tick completion markers, in order on one stream
        SingleOutputStreamOperator<AlertDecision> alerts = scored.getSideOutput(ScanFunction.THROTTLE)
                .flatMap(new ToChannels(settings.channels())).name("per channel")
                .keyBy(AlertFunction.KEY)
                .connect(controlStream.broadcast(AlertFunction.CONTROLS))
                .process(new AlertFunction(settings.throttle()))
                .uid(ALERT_THROTTLE.value())
                .name("alert throttle");

        SingleOutputStreamOperator<PaperExit> exits = alerts
                .keyBy(PaperFunction.ALERT_KEY)
                .connect(scored.keyBy(PaperFunction.SCORE_KEY))
                .process(new PaperFunction(settings.paper()))
                .uid(PAPER_TRACKER.value())
                .name("paper tracker");

        AnalyticsLines lines = new AnalyticsLines(
                regimes.map(AnalyticsJson::regime).uid(ENCODE_REGIME.value()).name("regime json"),
                scored.map(AnalyticsJson::score).uid(ENCODE_SCORES.value()).name("scores json"),
                alerts.map(AnalyticsJson::alert).uid(ENCODE_ALERTS.value()).name("alerts json"),
                alerts.getSideOutput(AlertFunction.SUPPRESSED).map(AnalyticsJson::suppressed).uid(ENCODE_SUPPRESSED.value())
                        .name("suppressed json"),
                exits.map(AnalyticsJson::exit).uid(ENCODE_EXITS.value()).name("exits json"),
                controlStream.map(AnalyticsJson::controlAudit).uid(ENCODE_CONTROL_AUDIT.value()).name("control audit json"),
                snapshots.getSideOutput(IndicatorFunction.UNIVERSE).map(AnalyticsJson::universe).uid(ENCODE_UNIVERSE.value())
                        .name("universe json"));
        sink(lines.regime(), OutputKind.REGIME);
        sink(lines.scores(), OutputKind.SCORES);
        sink(lines.alerts(), OutputKind.ALERTS);
        sink(lines.suppressed(), OutputKind.SUPPRESSED);
        sink(lines.exits(), OutputKind.EXITS);
        sink(lines.controlAudit(), OutputKind.CONTROL_AUDIT);
        sink(lines.universe(), OutputKind.UNIVERSE);
        // Kafka values are the very lines of alerts.jsonl / exits.jsonl, keyed by symbol
        outputs.kafka(OutputKind.ALERTS).ifPresent(kafka -> alerts
                .map(d -> new KafkaJsonSink.Keyed(d.scored().symbol(), AnalyticsJson.alert(d)))
                .returns(KafkaJsonSink.Keyed.class).uid(ENCODE_KAFKA_ALERTS.value()).name("alerts kafka json")
                .sinkTo(kafka).uid(KAFKA_ALERTS.value()).name("alerts kafka sink"));
        outputs.kafka(OutputKind.EXITS).ifPresent(kafka -> exits
                .map(e -> new KafkaJsonSink.Keyed(e.symbol(), AnalyticsJson.exit(e)))
                .returns(KafkaJsonSink.Keyed.class).uid(ENCODE_KAFKA_EXITS.value()).name("exits kafka json")
                .sinkTo(kafka).uid(KAFKA_EXITS.value()).name("exits kafka sink"));
        return lines;
    }

    /** The control commands: a live source, or the bounded commands sorted by event time. */
    private SingleOutputStreamOperator<ControlCommand> controls(StreamExecutionEnvironment env) {
        if (inputs.controlSource() != null) {
            return env.fromSource(inputs.controlSource(), ControlTopic.watermarks(), "controls")
                    .uid(SOURCE_CONTROLS.value())
                    .name("controls");
        }
        List<ControlCommand> sorted = inputs.controls().stream()
                .sorted(Comparator.comparingLong(ControlCommand::tsMicros).thenComparingLong(ControlCommand::seq))
                .toList();
        DataStream<ControlCommand> commands = sorted.isEmpty()
                ? env.fromSequence(0, 0).flatMap(new NoCommands()).returns(ControlCommand.class)
                : env.fromData(sorted, TypeInformation.of(ControlCommand.class));
        return commands
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ControlCommand>forMonotonousTimestamps()
                        .withTimestampAssigner((c, ts) -> Micros.toMillis(c.tsMicros())))
                .uid(SOURCE_CONTROLS.value())
                .name("controls");
    }

    /** The JSON lines of the analytics outputs, for the sinks beyond the files (PostgreSQL). */
    private record AnalyticsLines(DataStream<String> regime, DataStream<String> scores, DataStream<String> alerts,
            DataStream<String> suppressed, DataStream<String> exits, DataStream<String> controlAudit,
            DataStream<String> universe) {}
}
