package io.cryptorun.jobs;

/**
 * The scanner's outputs. Each is a stream of JSON lines ({@link io.cryptorun.jobs.output.JsonCodec},
 * {@link io.cryptorun.jobs.output.AnalyticsJson}) written to the sink {@link ScannerOutputs} maps it
 * to; four of them may also go to Kafka, keyed by symbol.
 */
public enum OutputKind {
    MICROSTRUCTURE("microstructure", OperatorUid.SINK_MICROSTRUCTURE, OperatorUid.KAFKA_MICROSTRUCTURE),
    BARS("bars", OperatorUid.SINK_BARS, null),
    QUARANTINE("quarantine", OperatorUid.SINK_QUARANTINE, OperatorUid.KAFKA_QUARANTINE),
    /** Regime snapshots, one per 4h vote. */
    REGIME("regime", OperatorUid.SINK_REGIME, null),
    /** One line per eligible asset per scan tick. */
    SCORES("scores", OperatorUid.SINK_SCORES, null),
    /** Sent alerts (the same JSON as {@code cryptorun.alerts}). */
    ALERTS("alerts", OperatorUid.SINK_ALERTS, OperatorUid.KAFKA_ALERTS),
    /** Alerts the throttle suppressed, with the reasons. */
    SUPPRESSED("suppressed", OperatorUid.SINK_SUPPRESSED, null),
    /** Paper exits (the same JSON as {@code cryptorun.exits}). */
    EXITS("exits", OperatorUid.SINK_EXITS, OperatorUid.KAFKA_EXITS),
    /** Audit record of every control command. */
    CONTROL_AUDIT("control_audit", OperatorUid.SINK_CONTROL_AUDIT, null),
    /** Each change of a symbol's place in the universe: eligibility and why not, ADV, tier, venues ({@code cryptorun universe}). */
    UNIVERSE("universe", OperatorUid.SINK_UNIVERSE, null);

    private final String stream;
    private final OperatorUid sinkUid;
    private final OperatorUid kafkaUid;

    OutputKind(String stream, OperatorUid sinkUid, OperatorUid kafkaUid) {
        this.stream = stream;
        this.sinkUid = sinkUid;
        this.kafkaUid = kafkaUid;
    }

    /** The stream's name: its part-file directory under {@code _parts/} and its output file {@code <stream>.jsonl}. */
    public String stream() {
        return stream;
    }

    public OperatorUid sinkUid() {
        return sinkUid;
    }

    /** Whether the job can also write this output to Kafka (keyed by symbol). */
    public boolean hasKafkaCopy() {
        return kafkaUid != null;
    }

    OperatorUid kafkaUid() {
        return kafkaUid;
    }
}
