package io.cryptorun.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.cli.CryptoRunCli;
import io.cryptorun.jobs.db.TestPg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13's acceptance test. The bundled fixture is replayed into the real Kafka (alerts, exits)
 * and PostgreSQL with four throttle channels (8 alerts + 1 exit). The notifier runs as its own
 * process ({@code cryptorun notify}, exactly as a user starts it) against the loopback Slack and
 * Telegram APIs with four destinations: a slow Slack webhook, a Telegram chat whose first answer is
 * 429 retry_after 1, a channel muted on {@code cryptorun.control}, and a chat that does not exist
 * (400). A symbol mute covers the second alert tick. Mid-stream the notifier is killed (SIGKILL),
 * then restarted until caught up. Then, against the replay's own files: every non-muted notice
 * reached each live destination, in topic order; the only repeats are notices the ledger had not
 * recorded when the process died, at most one per destination; nothing reached the muted channel
 * or went out for the muted tick; the 400 chat got one request per notice and a dead letter each;
 * the 429 was waited out; the ledger holds exactly one row per (notice, channel); and no secret is
 * in the notifier's log or the tables.
 */
class NotifierAcceptanceIT {
    static final Path BUNDLED = Path.of("..", "fixtures", "kraken-sim");
    static final String HOOK = "T0AAA/B0BBB/webhooksecretXYZ";
    static final String OPS_TOKEN = "111111:opsTokenSecretAAA";
    static final String MUTED_TOKEN = "222222:mutedTokenSecretBBB";
    static final String GONE_TOKEN = "333333:goneTokenSecretCCC";

    @TempDir
    Path dir;

    static String kafka() {
        String b = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        if (b == null || b.isBlank()) throw new IllegalStateException("CRYPTORUN_KAFKA_BOOTSTRAP is not set: run the tests with ./cryptorun test");
        return b;
    }

    @Test
    void killedMidStreamRestartedEveryAlertDeliveredOnceNothingToMuted() throws Exception {
        String kafka = kafka();
        ObjectMapper json = new ObjectMapper();
        try (TestPg pg = TestPg.freshSchema(); LoopbackChatApis api = new LoopbackChatApis()) {
            String suffix = pg.schema;
            String alerts = "cryptorun.alerts.it-" + suffix;
            String exits = "cryptorun.exits.it-" + suffix;
            String control = "cryptorun.control.it-" + suffix;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                admin.createTopics(List.of(alerts, exits, control).stream()
                        .map(t -> new NewTopic(t, 1, (short) 1).configs(Map.of("retention.ms", "-1"))).toList()).all().get();
            }
            Path password = Files.writeString(dir.resolve("pg-password"), pg.settings.password() + "\n");
            Path out = dir.resolve("out");
            long t0 = System.nanoTime();
            assertThat(new CommandLine(new CryptoRunCli()).execute("replay", "--fixtures", BUNDLED.toString(), "--out", out.toString(),
                    "--pg-dsn", pg.settings.jdbcUrl(), "--pg-user", pg.settings.user(), "--pg-password-file", password.toString(),
                    "--kafka", kafka, "--kafka-topic", "cryptorun.microstructure.it-" + suffix, "--checkpoint-interval", "1000",
                    "--kafka-alerts-topic", alerts, "--kafka-exits-topic", exits, "--channels", "c1,c2,c3,c4")).isZero();

            System.out.printf("replay into Kafka and PostgreSQL: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            // the truth: the replay's own files, in the order the topics hold them (one partition each)
            List<String> alertLines = Files.readAllLines(out.resolve("alerts.jsonl"), StandardCharsets.UTF_8);
            List<String> exitLines = Files.readAllLines(out.resolve("exits.jsonl"), StandardCharsets.UTF_8);
            assertThat(alertLines).hasSize(8);
            assertThat(exitLines).hasSize(1);
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            for (String l : alertLines) {
                JsonNode n = json.readTree(l);
                byId.put("alert/" + n.path("ts").asLong() + "/" + n.path("symbol").asText() + "/" + n.path("channel").asText(), n);
            }
            for (String l : exitLines) {
                JsonNode n = json.readTree(l);
                byId.put("exit/" + n.path("ts").asLong() + "/" + n.path("symbol").asText() + "/" + n.path("reason").asText() + "/"
                        + n.path("entry_ts").asLong(), n);
            }
            // cryptorun alerts: what the topics hold, readable and as JSON, and the same through --follow
            List<String> readable = ControlCliIT.run("alerts", "--kafka", kafka, "--alerts-topic", alerts, "--exits-topic", exits,
                    "--last", "100").lines().toList();
            assertThat(readable).hasSize(9);
            for (String l : alertLines) {
                JsonNode n = json.readTree(l);
                assertThat(readable).anySatisfy(r -> assertThat(r)
                        .startsWith(Templates.instant(n.path("ts").asLong()) + "  ALERT  BCH/USD    score "
                                + l.replaceFirst("^.*?\"score\":([^,]+),.*$", "$1") + " " + n.path("band").asText())
                        .endsWith("[" + n.path("channel").asText() + "]"));
            }
            JsonNode exitLine = json.readTree(exitLines.get(0));
            assertThat(readable).filteredOn(r -> r.contains("  EXIT   ")).singleElement().satisfies(r -> assertThat(r)
                    .startsWith(Templates.instant(exitLine.path("ts").asLong()) + "  EXIT   BCH/USD    " + exitLine.path("reason").asText()));
            List<String> asJson = ControlCliIT.run("alerts", "--kafka", kafka, "--alerts-topic", alerts, "--exits-topic", exits,
                    "--json", "--follow", "--max", "9").lines().toList();
            List<String> allLines = new ArrayList<>(alertLines);
            allLines.addAll(exitLines);
            assertThat(asJson).containsExactlyInAnyOrderElementsOf(allLines);

            long secondTick = byId.values().stream().filter(n -> n.has("channel")).mapToLong(n -> n.path("ts").asLong()).max().orElseThrow();
            long firstTick = byId.values().stream().filter(n -> n.has("channel")).mapToLong(n -> n.path("ts").asLong()).min().orElseThrow();
            assertThat(secondTick).isGreaterThan(firstTick);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                    new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>(control, "telegram:muted", "{\"ts\":" + (firstTick - 3_600_000_000L)
                        + ",\"action\":\"mute\",\"scope\":\"channel\",\"target\":\"telegram:muted\",\"user\":\"it\"}")).get();
                p.send(new ProducerRecord<>(control, "BCH/USD", "{\"ts\":" + secondTick
                        + ",\"action\":\"mute\",\"scope\":\"symbol\",\"target\":\"BCH/USD\",\"ttl_s\":60,\"user\":\"it\"}")).get();
            }
            Set<String> mutedIds = new HashSet<>();
            byId.forEach((id, n) -> {
                if (n.path("symbol").asText().equals("BCH/USD") && n.path("ts").asLong() >= secondTick
                        && n.path("ts").asLong() < secondTick + 60_000_000L) mutedIds.add(id);
            });
            assertThat(mutedIds).as("the symbol mute covers the second tick's four alerts").hasSize(4);
            List<String> live = byId.keySet().stream().filter(id -> !mutedIds.contains(id)).toList();

            String slackPath = api.slackPath(HOOK);
            String opsPath = LoopbackChatApis.telegramPath(OPS_TOKEN);
            String mutedPath = LoopbackChatApis.telegramPath(MUTED_TOKEN);
            String gonePath = LoopbackChatApis.telegramPath(GONE_TOKEN);
            api.slow(slackPath, 700);
            api.script(opsPath, LoopbackChatApis.Reply.rateLimited(1));
            api.refuse(gonePath, 400);
            Map<String, String> env = new HashMap<>();
            env.put("CRYPTORUN_SLACK_DESK_WEBHOOK", api.slackWebhook(HOOK));
            env.put("CRYPTORUN_TELEGRAM_OPS_TOKEN", OPS_TOKEN);
            env.put("CRYPTORUN_TELEGRAM_MUTED_TOKEN", MUTED_TOKEN);
            env.put("CRYPTORUN_TELEGRAM_GONE_TOKEN", GONE_TOKEN);
            env.put("TELEGRAM_API_BASE", api.base());
            env.put("PG_PASSWORD", pg.settings.password());
            List<String> args = new ArrayList<>(List.of("notify", "--to", "slack:desk", "--to", "telegram:ops:-1001",
                    "--to", "telegram:muted:-1002", "--to", "telegram:gone:-1003", "--kafka", kafka, "--alerts-topic", alerts,
                    "--exits-topic", exits, "--control-topic", control, "--group", "notify-it-" + suffix,
                    "--pg-dsn", pg.settings.jdbcUrl(), "--pg-user", pg.settings.user(), "--checkpoint-interval", "500"));
            Path log = dir.resolve("notify.log");

            // run 1: killed once Slack has answered three notices
            Process first = CliProcess.start(dir, log, env, args.toArray(String[]::new));
            long started = System.nanoTime();
            long deadline = started + TimeUnit.MINUTES.toNanos(3);
            while (api.received(slackPath).size() < 3) {
                assertThat(first.isAlive()).as("notifier running; log:%n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("slack got 3 requests in time; log:%n%s", Files.readString(log)).isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(300); // kill it while the fourth is in flight (slack answers in 700 ms)
            first.destroyForcibly();
            System.out.printf("notifier killed %.1f s after its start, slack had %d requests%n", (System.nanoTime() - started) / 1e9,
                    api.received(slackPath).size());
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Map<String, Set<String>> ledgerAtKill = ledger(pg);
            int slackAtKill = api.received(slackPath).size();
            assertThat(slackAtKill).as("killed mid-stream").isLessThan(live.size());

            // run 2: until caught up
            args.add("--until-caught-up");
            Process second = CliProcess.start(dir, log, env, args.toArray(String[]::new));
            long restarted = System.nanoTime();
            assertThat(second.waitFor(4, TimeUnit.MINUTES)).as("caught up; log:%n%s", Files.readString(log)).isTrue();
            assertThat(second.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isZero();
            System.out.printf("restarted notifier caught up in %.1f s%n", (System.nanoTime() - restarted) / 1e9);

            Templates templates = Templates.load(null);
            List<String> topicOrder = new ArrayList<>();
            for (var r : io.cryptorun.jobs.kafka.MicrostructureKafkaIT.readCommitted(kafka, alerts, alertLines.size())) {
                JsonNode n = json.readTree(r.value());
                topicOrder.add("alert/" + n.path("ts").asLong() + "/" + n.path("symbol").asText() + "/" + n.path("channel").asText());
            }
            assertThat(topicOrder).hasSize(alertLines.size());
            for (String[] d : new String[][] {{"slack:desk", slackPath}, {"telegram:ops:-1001", opsPath}}) {
                Destination dest = Destination.parse(d[0]);
                Map<String, String> expected = new LinkedHashMap<>(); // body -> id, in topic order
                for (String id : live) {
                    JsonNode n = byId.get(id);
                    Notice notice = new Notice(dest.id(), id, id.startsWith("exit/") ? Notice.EXIT : Notice.ALERT,
                            n.path("symbol").asText(), n.path("ts").asLong(), n.toString());
                    expected.put(HttpSender.body(dest, templates.render(dest.kind(), notice)), id);
                }
                List<String> delivered = api.received(d[1]).stream().filter(r -> r.status() == 200).map(LoopbackChatApis.Request::body).toList();
                assertThat(Set.copyOf(delivered)).as("%s: every live notice, exactly as rendered, nothing else", d[0])
                        .isEqualTo(expected.keySet());
                List<String> firstSeen = delivered.stream().distinct().map(expected::get).toList();
                List<String> alertOrder = firstSeen.stream().filter(id -> id.startsWith("alert/")).toList();
                assertThat(alertOrder).as("%s: alerts in topic order", d[0])
                        .isEqualTo(topicOrder.stream().filter(live::contains).toList());
                List<String> repeats = new ArrayList<>(delivered);
                new java.util.LinkedHashSet<>(delivered).forEach(repeats::remove);
                assertThat(repeats).as("%s: at most one repeat for one crash", d[0]).hasSizeLessThanOrEqualTo(1);
                for (String body : repeats) {
                    assertThat(ledgerAtKill.getOrDefault(dest.id(), Set.of())).as("a repeat was never one the ledger had recorded")
                            .doesNotContain(expected.get(body));
                }
            }
            // the 429 was honoured: Telegram's retry_after of 1 s before the same message went again
            List<LoopbackChatApis.Request> ops = api.received(opsPath);
            assertThat(ops.get(0).status()).isEqualTo(429);
            assertThat(ops.get(1).body()).isEqualTo(ops.get(0).body());
            assertThat(ops.get(1).atNanos() - ops.get(0).atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(980));
            // nothing to the muted channel, nothing for the muted tick
            assertThat(api.received(mutedPath)).isEmpty();
            for (LoopbackChatApis.Request r : api.all()) {
                for (String id : mutedIds) assertThat(r.body()).doesNotContain(id);
            }
            // the chat that does not exist: one request per live notice (at most one more for the crash), each dead-lettered
            assertThat(api.received(gonePath).size()).isBetween(live.size(), live.size() + 1);
            assertThat(pg.count("SELECT count(*) FROM notify_dead_letters WHERE channel = 'telegram:gone' AND http_status = 400"))
                    .isEqualTo(live.size());
            // the ledger: one row per (notice, channel), with the right status
            assertThat(pg.count("SELECT count(*) FROM notify_ledger")).isEqualTo(4L * byId.size());
            assertThat(pg.count("SELECT count(*) FROM notify_ledger WHERE status = 'sent'")).isEqualTo(2L * live.size());
            assertThat(pg.count("SELECT count(*) FROM notify_ledger WHERE status = 'muted'")).isEqualTo(byId.size() + 3L * mutedIds.size());
            assertThat(pg.count("SELECT count(*) FROM notify_ledger WHERE status = 'dead_letter'")).isEqualTo(live.size());

            // no secret in the log (INFO, both runs) or the tables (the PostgreSQL password's own test is SecretsNeverLoggedIT)
            String logText = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(logText).contains("INFO").contains("sent");
            for (String secret : List.of("webhooksecretXYZ", "opsTokenSecretAAA", "mutedTokenSecretBBB", "goneTokenSecretCCC")) {
                assertThat(logText).as("log").doesNotContain(secret);
                assertThat(pg.count("SELECT count(*) FROM notify_dead_letters WHERE error LIKE '%" + secret + "%' OR body LIKE '%"
                        + secret + "%'")).isZero();
            }
        }
    }

    static Map<String, Set<String>> ledger(TestPg pg) throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        try (Connection c = pg.settings.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT channel, alert_id FROM notify_ledger")) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
        return out;
    }
}
