package io.cryptorun.jobs;

/**
 * The scanner's outputs. Each is a stream of JSON lines ({@link io.cryptorun.jobs.output.JsonCodec},
 * {@link io.cryptorun.jobs.output.AnalyticsJson}) written to the sink {@link ScannerOutputs} maps it
 * to; four of them may also go to Kafka, keyed by symbol.
 */
public enum OutputKind {
    MICROSTRUCTURE("microstructure", OperatorUid.SINK_MICROSTRUCTURE, OperatorUid.KAFKA_MICROSTRUCTURE, "microstructure", OperatorUid.COLD_MICROSTRUCTURE),
    BARS("bars", OperatorUid.SINK_BARS, null, "bars", OperatorUid.COLD_BARS),
    QUARANTINE("quarantine", OperatorUid.SINK_QUARANTINE, OperatorUid.KAFKA_QUARANTINE, "quarantine", OperatorUid.COLD_QUARANTINE),
    /** Regime snapshots, one per 4h vote. */
    REGIME("regime", OperatorUid.SINK_REGIME, null, "regime_snapshots", OperatorUid.COLD_REGIME),
    /** One line per eligible asset per scan tick. */
    SCORES("scores", OperatorUid.SINK_SCORES, null, "scores", OperatorUid.COLD_SCORES),
    /** Sent alerts (the same JSON as {@code cryptorun.alerts}). */
    ALERTS("alerts", OperatorUid.SINK_ALERTS, OperatorUid.KAFKA_ALERTS, "alerts", OperatorUid.COLD_ALERTS),
    /** Alerts the throttle suppressed, with the reasons. */
    SUPPRESSED("suppressed", OperatorUid.SINK_SUPPRESSED, null, "suppressed_alerts", OperatorUid.COLD_SUPPRESSED),
    /** Paper exits (the same JSON as {@code cryptorun.exits}). */
    EXITS("exits", OperatorUid.SINK_EXITS, OperatorUid.KAFKA_EXITS, "exits", OperatorUid.COLD_EXITS),
    /** Audit record of every control command. */
    CONTROL_AUDIT("control_audit", OperatorUid.SINK_CONTROL_AUDIT, null, null, null),
    /** Each change of a symbol's place in the universe: eligibility and why not, ADV, tier, venues ({@code cryptorun universe}). */
    UNIVERSE("universe", OperatorUid.SINK_UNIVERSE, null, null, null);

    private final String stream;
    private final OperatorUid sinkUid;
    private final OperatorUid kafkaUid;

    private final String coldTable;
    private final OperatorUid coldUid;

    OutputKind(String stream, OperatorUid sinkUid, OperatorUid kafkaUid, String coldTable, OperatorUid coldUid) {
        this.stream = stream;
        this.sinkUid = sinkUid;
        this.kafkaUid = kafkaUid;
        this.coldTable = coldTable;
        this.coldUid = coldUid;
    }

    /** The output's table in the cold tier (issue 17, docs/DATA_MULTI_REGION.md), or null: not kept there. */
    public String coldTable() {
        return coldTable;
    }

    OperatorUid coldUid() {
        return coldUid;
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
