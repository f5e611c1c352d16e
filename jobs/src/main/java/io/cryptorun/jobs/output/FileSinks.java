package io.cryptorun.jobs.output;

import io.cryptorun.jobs.ScannerSinks;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * File outputs for replays: exactly-once {@link FileSink}s writing part files under
 * {@code <out>/_parts/<stream>/}, committed on checkpoints (and at end of input by the final
 * checkpoint), later merged into canonical sorted files by {@link SortedJsonl}. With Kafka
 * and/or PostgreSQL configured, the same lines also go there, exactly-once.
 */
public final class FileSinks implements ScannerSinks {
    private static final long serialVersionUID = 1L;

    private final String partsRoot;
    private final String kafkaBootstrap;
    private final String kafkaTopic;
    private final PgSettings postgres;
    private final String alertsTopic;
    private final String exitsTopic;
    private final String quarantineTopic;

    public FileSinks(Path outDir, String kafkaBootstrap, String kafkaTopic) {
        this(outDir.resolve(OutputFiles.PARTS_DIR).toAbsolutePath().toString(), kafkaBootstrap, kafkaTopic, null,
                KafkaJsonSink.ALERTS_TOPIC, KafkaJsonSink.EXITS_TOPIC, KafkaJsonSink.QUARANTINE_TOPIC);
    }

    private FileSinks(String partsRoot, String kafkaBootstrap, String kafkaTopic, PgSettings postgres,
            String alertsTopic, String exitsTopic, String quarantineTopic) {
        this.partsRoot = partsRoot;
        this.kafkaBootstrap = kafkaBootstrap;
        this.kafkaTopic = kafkaTopic;
        this.postgres = postgres;
        this.alertsTopic = alertsTopic;
        this.exitsTopic = exitsTopic;
        this.quarantineTopic = quarantineTopic;
    }

    /** The same outputs, plus the PostgreSQL tables (null: none). */
    public FileSinks withPostgres(PgSettings pg) {
        return new FileSinks(partsRoot, kafkaBootstrap, kafkaTopic, pg, alertsTopic, exitsTopic, quarantineTopic);
    }

    /** The same outputs, alerts, exits and quarantine to these Kafka topics (when Kafka is on). */
    public FileSinks withTopics(String alerts, String exits, String quarantine) {
        return new FileSinks(partsRoot, kafkaBootstrap, kafkaTopic, postgres, alerts, exits, quarantine);
    }

    static Path partsDir(Path outDir, String stream) {
        return outDir.resolve(OutputFiles.PARTS_DIR).resolve(stream);
    }

    private Sink<String> lines(String stream) {
        return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(partsRoot + "/" + stream),
                        new SimpleStringEncoder<String>("UTF-8"))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
    }

    @Override
    public Sink<String> microstructure() {
        return lines("microstructure");
    }

    @Override
    public Sink<String> bars() {
        return lines("bars");
    }

    @Override
    public Sink<String> quarantine() {
        return lines("quarantine");
    }

    @Override
    public Sink<String> regime() {
        return lines("regime");
    }

    @Override
    public Sink<String> scores() {
        return lines("scores");
    }

    @Override
    public Sink<String> alerts() {
        return lines("alerts");
    }

    @Override
    public Sink<String> suppressed() {
        return lines("suppressed");
    }

    @Override
    public Sink<String> exits() {
        return lines("exits");
    }

    @Override
    public Sink<String> controlAudit() {
        return lines("control_audit");
    }

    @Override
    public Sink<String> universe() {
        return lines("universe");
    }

    @Override
    public Optional<Sink<KafkaJsonSink.Keyed>> kafkaMicrostructure() {
        return kafka(kafkaTopic);
    }

    @Override
    public Optional<Sink<KafkaJsonSink.Keyed>> kafkaQuarantine() {
        return kafka(quarantineTopic);
    }

    @Override
    public Optional<Sink<KafkaJsonSink.Keyed>> kafkaAlerts() {
        return kafka(alertsTopic);
    }

    @Override
    public Optional<Sink<KafkaJsonSink.Keyed>> kafkaExits() {
        return kafka(exitsTopic);
    }

    /**
     * The transactional-id prefix follows the topic: a producer starting with the same prefix fences
     * the running one, so jobs writing different topics (replays into test topics next to a running
     * scanner) must not share it, while a restart of the same job keeps it and aborts its leftovers.
     */
    private Optional<Sink<KafkaJsonSink.Keyed>> kafka(String topic) {
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) return Optional.empty();
        return Optional.of(KafkaJsonSink.exactlyOnce(kafkaBootstrap, topic, "cryptorun-tx-" + topic));
    }

    @Override
    public Optional<PgSettings> postgres() {
        return Optional.ofNullable(postgres);
    }
}
