package io.cryptorun.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.jobs.cli.CryptoRunCli;
import io.cryptorun.jobs.control.ControlTopic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cryptorun mute/unmute/allow/deny/mutes} against the real broker: the messages are what the
 * scanner's {@link ControlTopic} source consumes (decoded by it here), {@code mutes} lists what is
 * in force with expiry, user and reason, and — the topic's messages replayed through the scanner
 * (the same lines as {@code --controls}) — a mute issued with the CLI suppresses the bundled
 * fixture's first alert with {@code muted}, the CLI's unmute restores the next one, and both
 * are in {@code control_audit}, by event time ({@code --at}). {@link LiveMuteIT} sends them to a
 * running {@code ws-server} + {@code run --live} job.
 */
class ControlCliIT {
    @TempDir
    Path dir;

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CryptoRunCli());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        assertThat(rc).as("%s: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }

    @Test
    void muteUnmuteAllowDenyWriteWhatTheJobConsumesAndMuteSuppressesUntilUnmute() throws Exception {
        String kafka = NotifierAcceptanceIT.kafka();
        String topic = "cryptorun.control.it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }
        String[] k = {"--kafka", kafka, "--control-topic", topic, "--user", "ops"};
        run(cat(new String[] {"mute", "BCH/USD", "--at", "2025-01-06T03:30:00Z", "--reason", "news pending"}, k));
        run(cat(new String[] {"mute", "--channel", "slack:desk", "--at", "2025-01-06T03:00:00Z", "--ttl", "4h"}, k));
        run(cat(new String[] {"deny", "PEPE/USD", "--at", "2025-01-06T03:00:00Z", "--ttl", "30m"}, k));
        run(cat(new String[] {"unmute", "BCH/USD", "--at", "2025-01-06T04:30:00Z"}, k));

        // exactly what the job's source makes of them
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        List<ControlCommand> got = env.fromSource(ControlTopic.bounded(kafka, topic), ControlTopic.watermarks(), "controls").executeAndCollect(10);
        assertThat(got).containsExactly(
                new ControlCommand(1_736_134_200_000_000L, 0, "mute", "symbol", "BCH/USD", 0, "ops"),
                new ControlCommand(1_736_132_400_000_000L, 1, "mute", "channel", "slack:desk", 4 * 3_600_000_000L, "ops"),
                new ControlCommand(1_736_132_400_000_000L, 2, "deny", "symbol", "PEPE/USD", 1_800_000_000L, "ops"),
                new ControlCommand(1_736_137_800_000_000L, 3, "unmute", "symbol", "BCH/USD", 0, "ops"));
        assertThat(got).allSatisfy(c -> assertThat(c.problem()).isNull());

        // mutes at 04:00: both mutes, in (time, offset) order; the 30 min deny is over
        assertThat(run(cat(new String[] {"mutes", "--at", "2025-01-06T04:00:00Z"}, k)).lines().toList()).containsExactly(
                "mute channel  slack:desk       until 2025-01-06T07:00:00Z  by ops",
                "mute symbol   BCH/USD          until undone  by ops: news pending");
        assertThat(run(cat(new String[] {"mutes", "--at", "2025-01-06T05:00:00Z"}, k)).lines().toList()).containsExactly(
                "mute channel  slack:desk       until 2025-01-06T07:00:00Z  by ops");
        assertThat(run(cat(new String[] {"mutes", "--at", "2025-01-06T03:10:00Z"}, k)).lines().toList()).contains(
                "deny          PEPE/USD         until 2025-01-06T03:30:00Z  by ops");
        assertThat(run(cat(new String[] {"mutes", "--at", "2025-01-06T07:00:00Z"}, k)).strip())
                .isEqualTo("no active mutes, allow or deny entries");

        // the topic's lines as the scanner's controls: muted at 04:00, restored by the unmute at 04:30
        Path controls = dir.resolve("controls.jsonl");
        Files.write(controls, io.cryptorun.jobs.kafka.MicrostructureKafkaIT.readCommitted(kafka, topic, 4).stream()
                .map(r -> r.value()).toList(), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        run("replay", "--fixtures", NotifierAcceptanceIT.BUNDLED.toString(), "--out", out.toString(), "--controls", controls.toString());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> alerts = read(json, out.resolve("alerts.jsonl"));
        List<JsonNode> suppressed = read(json, out.resolve("suppressed.jsonl"));
        List<JsonNode> audit = read(json, out.resolve("control_audit.jsonl"));
        long t0400 = 1_736_136_000_000_000L;
        long t0430 = 1_736_137_800_000_000L;
        assertThat(suppressed).filteredOn(s -> s.path("ts").asLong() == t0400).singleElement()
                .satisfies(s -> assertThat(s.path("reasons").toString()).contains("\"muted\""));
        assertThat(alerts).as("the first alert after the unmute").isNotEmpty()
                .allSatisfy(a -> assertThat(a.path("ts").asLong()).isGreaterThanOrEqualTo(t0430));
        assertThat(alerts.get(0).path("symbol").asText()).isEqualTo("BCH/USD");
        assertThat(audit).extracting(a -> a.path("action").asText() + " " + a.path("target").asText() + " " + a.path("status").asText())
                .containsExactly("mute slack:desk applied", "deny PEPE/USD applied", "mute BCH/USD applied", "unmute BCH/USD applied");
    }

    @Test
    void userErrorsAreOneLineAndUsage() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CryptoRunCli());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("mute", "BCH/USD", "--channel", "x", "--kafka", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("give a SYMBOL or --channel C (exactly one)");
        err.getBuffer().setLength(0);
        assertThat(cl.execute("mute", "BCH/USD", "--ttl", "4 hours", "--kafka", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("not a duration: '4 hours'");
    }

    static List<JsonNode> read(ObjectMapper json, Path f) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) out.add(json.readTree(l));
        return out;
    }

    static String[] cat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
