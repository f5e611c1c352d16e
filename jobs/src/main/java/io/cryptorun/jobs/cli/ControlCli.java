package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.jobs.control.ControlFile;
import io.cryptorun.jobs.control.ControlTopic;
import io.cryptorun.jobs.notify.Durations;
import io.cryptorun.sources.json.JsonWriter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What {@code mute}, {@code unmute}, {@code allow}, {@code deny} and {@code mutes} share: the Kafka
 * address and control topic, and writing/reading {@code cryptorun.control} in the format the job
 * consumes ({@link ControlFile}): {@code {"ts","action","scope","target","ttl_s","user","reason"}}.
 * The topic is the audit trail of who asked what and why (keep its retention unlimited); the
 * running scanner writes each command it applies or rejects to {@code control_audit}.
 */
public final class ControlCli {
    @Option(names = "--kafka", defaultValue = "${env:KAFKA_BOOTSTRAP}", paramLabel = "<bootstrap>",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--control-topic", defaultValue = ControlTopic.DEFAULT_TOPIC, description = "default: ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--user", defaultValue = "${sys:user.name}", description = "Who asks (audit; default: the login name).")
    String user;

    String bootstrap(CommandLine cmd) {
        if (kafka == null || kafka.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "needs --kafka BOOTSTRAP (or env KAFKA_BOOTSTRAP) to reach " + topic);
        }
        return kafka;
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
    }

    static Instant at(CommandLine cmd, String at) {
        if (at == null) return Instant.now();
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(cmd, "--at '" + at + "' is not an ISO-8601 instant (e.g. 2025-01-06T04:00:00Z)");
        }
    }

    static long ttlSeconds(CommandLine cmd, String ttl) {
        if (ttl == null) return 0;
        try {
            Duration d = Durations.parse(ttl);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("--ttl must be positive: " + ttl);
            return d.toSeconds();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--ttl: " + e.getMessage());
        }
    }

    /** The control message's JSON value. */
    static String message(long tsMicros, String action, String scope, String target, long ttlS, String user, String reason) {
        JsonWriter w = new JsonWriter().beginObject().field("ts", tsMicros).field("action", action).field("scope", scope)
                .field("target", target);
        if (ttlS > 0) w.field("ttl_s", ttlS);
        w.field("user", user);
        if (reason != null) w.field("reason", reason);
        return w.endObject().toString();
    }

    /** Writes one command (idempotent producer, acks=all) and prints it. */
    void send(CommandLine cmd, String key, String value) throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(cmd));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            var md = producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            cmd.getOut().println(value + "  -> " + topic + "@" + md.partition() + ":" + md.offset());
            cmd.getOut().flush();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not write to " + topic + " at " + kafka + ": "
                    + (e.getCause() == null ? e.toString() : e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing to " + topic);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IOException("could not write to " + topic + " at " + kafka + ": " + e.getMessage());
        }
    }

    /** One command of the topic with the fields the job ignores (reason) kept for display. */
    record Entry(ControlCommand command, String reason) {}

    /** Everything the topic holds now, in offset order (read_committed). */
    List<Entry> readAll(CommandLine cmd) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(cmd));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        ObjectMapper json = new ObjectMapper();
        List<Entry> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, Duration.ofSeconds(15)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            if (parts.isEmpty()) return out;
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new IOException("timed out reading " + topic);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    long seq = ((long) r.partition() << 40) | r.offset();
                    try {
                        JsonNode n = json.readTree(r.value());
                        out.add(new Entry(ControlFile.of(n, seq), n.path("reason").asText(null)));
                    } catch (IOException | RuntimeException e) {
                        // a malformed message: the job rejects it too
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IOException("could not read " + topic + " at " + kafka + ": " + e.getMessage());
        }
        return out;
    }
}
