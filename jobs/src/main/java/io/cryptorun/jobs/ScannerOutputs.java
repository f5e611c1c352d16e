package io.cryptorun.jobs;

import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the scanner writes: a map from each {@link OutputKind} to the sink of its JSON lines, a
 * second map to the Kafka sinks of the outputs copied to Kafka, and the PostgreSQL settings (every
 * table through one exactly-once XA sink, and jobs_audit) when on. The job takes its outputs by
 * constructor (as the Flink training solutions do), so tests and the launcher choose files, Kafka
 * or collecting sinks without touching the graph. Immutable: {@code with…} return a copy.
 */
public final class ScannerOutputs {
    private final Map<OutputKind, Sink<String>> lines;
    private final Map<OutputKind, Sink<KafkaJsonSink.Keyed>> kafka;
    private final PgSettings postgres;
    private final Map<OutputKind, Sink<String>> cold;

    private ScannerOutputs(Map<OutputKind, Sink<String>> lines, Map<OutputKind, Sink<KafkaJsonSink.Keyed>> kafka,
            PgSettings postgres, Map<OutputKind, Sink<String>> cold) {
        this.lines = lines;
        this.kafka = kafka;
        this.postgres = postgres;
        this.cold = cold;
    }

    /** Nothing configured: every output discarded. */
    public static ScannerOutputs none() {
        return new ScannerOutputs(new EnumMap<>(OutputKind.class), new EnumMap<>(OutputKind.class), null, new EnumMap<>(OutputKind.class));
    }

    /** The same outputs with {@code kind}'s lines going to {@code sink}. */
    public ScannerOutputs withLines(OutputKind kind, Sink<String> sink) {
        EnumMap<OutputKind, Sink<String>> m = new EnumMap<>(OutputKind.class);
        m.putAll(lines);
        m.put(kind, sink);
        return new ScannerOutputs(m, kafka, postgres, cold);
    }

    /** The same outputs with a Kafka copy of {@code kind} ({@code null}: none). */
    public ScannerOutputs withKafka(OutputKind kind, Sink<KafkaJsonSink.Keyed> sink) {
        if (sink != null && !kind.hasKafkaCopy()) throw new IllegalArgumentException(kind + " has no Kafka copy");
        EnumMap<OutputKind, Sink<KafkaJsonSink.Keyed>> m = new EnumMap<>(OutputKind.class);
        m.putAll(kafka);
        if (sink == null) m.remove(kind);
        else m.put(kind, sink);
        return new ScannerOutputs(lines, m, postgres, cold);
    }

    /** The same outputs, plus the PostgreSQL tables ({@code null}: none). */
    public ScannerOutputs withPostgres(PgSettings pg) {
        return new ScannerOutputs(lines, kafka, pg, cold);
    }

    /** The same outputs with a cold-tier copy of {@code kind}'s lines (issue 17: hourly partitions written by the job). */
    public ScannerOutputs withCold(OutputKind kind, Sink<String> sink) {
        if (kind.coldTable() == null) throw new IllegalArgumentException(kind + " has no cold table");
        EnumMap<OutputKind, Sink<String>> m = new EnumMap<>(OutputKind.class);
        m.putAll(cold);
        m.put(kind, sink);
        return new ScannerOutputs(lines, kafka, postgres, m);
    }

    /** The cold-tier sink of {@code kind}, when the job writes the cold tier. */
    public Optional<Sink<String>> cold(OutputKind kind) {
        return Optional.ofNullable(cold.get(kind));
    }

    /** The sink of {@code kind}'s JSON lines; a discarding one when none is configured. */
    public Sink<String> lines(OutputKind kind) {
        Sink<String> s = lines.get(kind);
        return s != null ? s : new DiscardingSink<>();
    }

    /** The Kafka sink of {@code kind}, when its Kafka copy is on. */
    public Optional<Sink<KafkaJsonSink.Keyed>> kafka(OutputKind kind) {
        return Optional.ofNullable(kafka.get(kind));
    }

    public Optional<PgSettings> postgres() {
        return Optional.ofNullable(postgres);
    }
}
