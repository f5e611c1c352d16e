package io.cryptorun.jobs;

import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import java.io.Serializable;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the scanner writes. The job takes its sinks by constructor (as the Flink training
 * solutions do), so tests and the CLI choose files, Kafka or collecting sinks without touching
 * the graph. Values are JSON lines from {@link io.cryptorun.jobs.output.JsonCodec}.
 */
public interface ScannerSinks extends Serializable {
    Sink<String> microstructure();

    Sink<String> bars();

    Sink<String> quarantine();

    /** Regime snapshots, one per 4h vote. Defaults discard, so sinks of other jobs need not know the analytics. */
    default Sink<String> regime() {
        return new DiscardingSink<>();
    }

    /** One line per eligible asset per scan tick. */
    default Sink<String> scores() {
        return new DiscardingSink<>();
    }

    /** Sent alerts (the same JSON as {@code cryptorun.alerts}). */
    default Sink<String> alerts() {
        return new DiscardingSink<>();
    }

    /** Alerts the throttle suppressed, with the reasons. */
    default Sink<String> suppressed() {
        return new DiscardingSink<>();
    }

    /** Paper exits (the same JSON as {@code cryptorun.exits}). */
    default Sink<String> exits() {
        return new DiscardingSink<>();
    }

    /** Audit record of every control-topic command. */
    default Sink<String> controlAudit() {
        return new DiscardingSink<>();
    }

    /** Each change of a symbol's universe entry (eligibility and why not, ADV, tier, venues). */
    default Sink<String> universe() {
        return new DiscardingSink<>();
    }

    /** Optional exactly-once Kafka copy of the microstructure stream. */
    default Optional<Sink<KafkaJsonSink.Keyed>> kafkaMicrostructure() {
        return Optional.empty();
    }

    /** Optional exactly-once Kafka copy of the quarantine stream ({@code cryptorun.quarantine}, key = symbol). */
    default Optional<Sink<KafkaJsonSink.Keyed>> kafkaQuarantine() {
        return Optional.empty();
    }

    /** Optional exactly-once Kafka copy of the sent alerts ({@code cryptorun.alerts}, key = symbol). */
    default Optional<Sink<KafkaJsonSink.Keyed>> kafkaAlerts() {
        return Optional.empty();
    }

    /** Optional exactly-once Kafka copy of the paper exits ({@code cryptorun.exits}, key = symbol). */
    default Optional<Sink<KafkaJsonSink.Keyed>> kafkaExits() {
        return Optional.empty();
    }

    /** PostgreSQL output (every table through one exactly-once XA sink, and jobs_audit), when on. */
    default Optional<PgSettings> postgres() {
        return Optional.empty();
    }
}
