package io.cryptorun.jobs.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ControlBook;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.alerts.SuppressReason;
import io.cryptorun.functions.alerts.Controls;
import io.cryptorun.functions.alerts.Mute;
import io.cryptorun.jobs.control.ControlFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's view of {@code cryptorun.control}: every command from the earliest offset
 * (read_committed, no consumer group), read up to the end before the first delivery and then
 * followed by a background thread. A notice is muted when, at its event time, a symbol mute holds
 * its symbol or a channel mute holds its destination id ({@code slack:desk}) — the same
 * {@link ControlBook} fold the scanner's throttle uses.
 */
public final class ControlWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlWatcher.class);
    private final List<ControlCommand> commands = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public ControlWatcher(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        if (parts.isEmpty()) {
            LOG.warn("control topic {} has no partitions (does it exist?): mutes given there will not apply", topic);
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!caughtUp(parts, end) && System.nanoTime() < deadline) {
            poll(json);
        }
        LOG.info("control topic {}: {} command(s) read before the first delivery", topic, commands.size());
        thread = new Thread(() -> {
            try {
                while (running && !parts.isEmpty()) {
                    poll(json);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                LOG.warn("control topic reader stopped: {}", e.toString());
            }
        }, "notify-control-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean caughtUp(List<TopicPartition> parts, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : parts) {
            if (consumer.position(tp) < end.getOrDefault(tp, 0L)) return false;
        }
        return true;
    }

    private void poll(ObjectMapper json) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            long seq = ((long) r.partition() << 40) | r.offset();
            try {
                commands.add(ControlFile.of(json.readTree(r.value()), seq));
            } catch (java.io.IOException | RuntimeException e) {
                // malformed: the scanner audits it as rejected; here it simply mutes nothing
            }
        }
    }

    /** Why the notice must not go out (the scanner's codes: {@code muted} for a symbol, {@code muted_channel}), or null. */
    public String muted(Notice n) {
        return muted(ControlBook.at(n.tsMicros, commands), n);
    }

    static String muted(Controls c, Notice n) {
        for (Mute m : c.mutes()) {
            if (!m.activeAt(n.tsMicros)) continue;
            if (m.kind() == Mute.Kind.CHANNEL && m.target().equals(n.destination)) return SuppressReason.MUTED_CHANNEL;
            if (m.kind() == Mute.Kind.SYMBOL && m.target().equals(n.symbol)) return SuppressReason.MUTED_SYMBOL;
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        consumer.close(Duration.ofSeconds(5));
    }
}
