package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import io.cryptorun.jobs.notify.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cryptorun alerts [--follow] [--json]}: alerts and exits from Kafka (read_committed, no
 * consumer group, nothing committed), one readable line each — or the topic's JSON line with
 * {@code --json}. Without {@code --follow} it prints what the topics hold (the last {@code --last}
 * of each) and exits; with it, it then keeps printing new ones until interrupted.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Show alerts and exits from Kafka; --follow for a live tail.")
public final class AlertsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    AlertTopics topics = new AlertTopics();

    @Option(names = {"-f", "--follow"}, description = "Keep printing new alerts and exits until interrupted.")
    boolean follow;

    @Option(names = "--json", description = "Print the topics' JSON lines as they are.")
    boolean json;

    @Option(names = "--last", defaultValue = "20", description = "How many of the existing records per partition to show first (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--max", defaultValue = "0", hidden = true, description = "Stop after this many lines (tests).")
    long max;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public Integer call() throws Exception {
        String kafka = topics.bootstrap(spec.commandLine());
        String exitsTopic = topics.exits();
        if (last < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--last must be >= 0");
        List<String> names = new ArrayList<>(List.of(topics.alertsTopic));
        if (exitsTopic != null) names.add(exitsTopic);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : names) {
                var infos = c.partitionsFor(t, Duration.ofSeconds(15));
                if (infos == null || infos.isEmpty()) {
                    throw new java.io.IOException("topic " + t + " does not exist at " + kafka);
                }
                infos.forEach(i -> parts.add(new TopicPartition(t, i.partition())));
            }
            c.assign(parts);
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            for (TopicPartition tp : parts) c.seek(tp, Math.max(begin.get(tp), end.get(tp) - last));
            while (true) {
                boolean caughtUp = parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
                if (caughtUp && !follow) break;
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    out.println(json ? r.value() : readable(r.topic().equals(exitsTopic), r.value()));
                    out.flush();
                    if (max > 0 && ++printed >= max) return 0;
                }
            }
        }
        return 0;
    }

    /** {@code 2025-01-06T04:00:00Z  ALERT  BCH/USD  score 78.32 MODERATE  CHOPPY  kraken spread 3.16 bps  [c1]}. */
    static String readable(boolean exit, String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (java.io.IOException e) {
            return "?      " + line;
        }
        String ts = time(n.path("ts"));
        if (exit) {
            return String.format("%s  EXIT   %-10s %-22s entry %s exit %s  pnl %s %%  fraction %s", ts, n.path("symbol").asText(),
                    n.path("reason").asText(), num(n.path("entry")), num(n.path("exit")), num(n.path("pnl_pct")), num(n.path("fraction")));
        }
        JsonNode m = n.path("microstructure");
        return String.format("%s  ALERT  %-10s score %s %-8s regime %-9s %s spread %s bps depth %s USD  [%s]", ts,
                n.path("symbol").asText(), num(n.path("score")), n.path("band").asText(), n.path("regime").asText(),
                n.path("venue").asText(), num(m.path("spread_bps")), num(m.path("depth_usd")), n.path("channel").asText());
    }

    private static String num(JsonNode n) {
        return Templates.number(n);
    }

    private static String time(JsonNode micros) {
        return Templates.time(micros);
    }
}
