package io.cryptorun.jobs;

/**
 * Every operator uid of the scanner job, in one place. A uid is how a savepoint's state finds its
 * operator: the values are part of the savepoint format and must never change (the
 * savepoint-compatibility test restores a savepoint taken before this enum existed). A new operator
 * gets a new constant; a removed stateful one keeps its value reserved.
 */
public enum OperatorUid {
    // sources and routing
    SOURCE_FRAMES("source-frames"),
    SOURCE_HISTORY("source-history"),
    SOURCE_CONTROLS("source-controls"),
    ROUTE_EVENTS("route-events"),
    ROUTE_HISTORY("route-history"),
    // market data operators
    ORDER_BOOK("order-book"),
    BARS("bars"),
    /** The validation layer on trades (issue 17), before the bars; absent when {@code validation.enabled: false}. */
    VALIDATE_TRADES("validate-trades"),
    /** The validation layer on book states (issue 17), after the books; absent when {@code validation.enabled: false}. */
    VALIDATE_BOOKS("validate-books"),
    /** The cold tier's hourly partitions written by the job (issue 17, {@code --cold-root}); only in jobs that have it. */
    COLD_MICROSTRUCTURE("cold-microstructure"),
    COLD_BARS("cold-bars"),
    COLD_QUARANTINE("cold-quarantine"),
    COLD_REGIME("cold-regime"),
    COLD_SCORES("cold-scores"),
    COLD_ALERTS("cold-alerts"),
    COLD_SUPPRESSED("cold-suppressed"),
    COLD_EXITS("cold-exits"),
    // analytics operators
    /** Social readings (issue 14, {@code social.jsonl} of a fixture directory); only in jobs that have them. */
    SOURCE_SOCIAL("source-social"),
    /** Splits the {@code cryptorun.social} topic's values into readings and quarantine (only with {@code --social-topic}). */
    ROUTE_SOCIAL("route-social"),
    TICK_ARRIVALS("tick-arrivals"),
    INDICATORS("indicators"),
    REGIME("regime"),
    SCAN("scan"),
    ALERT_THROTTLE("alert-throttle"),
    PAPER_TRACKER("paper-tracker"),
    // JSON encoders
    ENCODE_MICROSTRUCTURE("encode-microstructure"),
    /** Flagged microstructure records (issue 17), with their flags. */
    ENCODE_FLAGGED_MICROSTRUCTURE("encode-flagged-microstructure"),
    ENCODE_BARS("encode-bars"),
    ENCODE_QUARANTINE("encode-quarantine"),
    ENCODE_TRADES("encode-trades"),
    ENCODE_REGIME("encode-regime"),
    ENCODE_SCORES("encode-scores"),
    ENCODE_ALERTS("encode-alerts"),
    ENCODE_SUPPRESSED("encode-suppressed"),
    ENCODE_EXITS("encode-exits"),
    ENCODE_CONTROL_AUDIT("encode-control-audit"),
    ENCODE_UNIVERSE("encode-universe"),
    ENCODE_KAFKA_MICROSTRUCTURE("encode-kafka-microstructure"),
    ENCODE_KAFKA_FLAGGED_MICROSTRUCTURE("encode-kafka-flagged-microstructure"),
    ENCODE_KAFKA_QUARANTINE("encode-kafka-quarantine"),
    ENCODE_KAFKA_ALERTS("encode-kafka-alerts"),
    ENCODE_KAFKA_EXITS("encode-kafka-exits"),
    // JSON-lines sinks (files)
    SINK_MICROSTRUCTURE("sink-microstructure"),
    SINK_BARS("sink-bars"),
    SINK_QUARANTINE("sink-quarantine"),
    SINK_REGIME("sink-regime"),
    SINK_SCORES("sink-scores"),
    SINK_ALERTS("sink-alerts"),
    SINK_SUPPRESSED("sink-suppressed"),
    SINK_EXITS("sink-exits"),
    SINK_CONTROL_AUDIT("sink-control-audit"),
    SINK_UNIVERSE("sink-universe"),
    // keyed Kafka sinks
    KAFKA_MICROSTRUCTURE("kafka-microstructure"),
    KAFKA_QUARANTINE("kafka-quarantine"),
    KAFKA_ALERTS("kafka-alerts"),
    KAFKA_EXITS("kafka-exits"),
    // PostgreSQL: rows per table, bundles, the XA sink, the checkpoint audit
    PG_ROWS_MICROSTRUCTURE("pg-rows-microstructure"),
    PG_ROWS_BARS("pg-rows-bars"),
    PG_ROWS_TRADES("pg-rows-trades"),
    PG_ROWS_REGIME("pg-rows-regime"),
    PG_ROWS_PREMOVE_ARTIFACTS("pg-rows-premove-artifacts"),
    PG_ROWS_ALERTS("pg-rows-alerts"),
    PG_ROWS_SUPPRESSED("pg-rows-suppressed"),
    PG_ROWS_EXITS("pg-rows-exits"),
    PG_ROWS_CONTROL_AUDIT("pg-rows-control-audit"),
    PG_ROWS_UNIVERSE("pg-rows-universe"),
    PG_BUNDLES("pg-bundles"),
    SINK_POSTGRES("sink-postgres"),
    AUDIT_CHECKPOINTS("audit-checkpoints");

    private final String value;

    OperatorUid(String value) {
        this.value = value;
    }

    /** The uid string given to Flink. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
