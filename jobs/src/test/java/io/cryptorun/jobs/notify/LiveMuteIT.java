package io.cryptorun.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.live.loopback.FixtureReplay;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's live acceptance: {@code cryptorun mute} while a live job ({@code ws-server} +
 * {@code run --live}) is running suppresses the symbol's next alert with {@code muted}, and
 * {@code cryptorun unmute} restores it, both audited in {@code control_audit}.
 *
 * <p>Real parts only: the loopback exchange serves the bundled fixture's recorded Kraken frames
 * over WebSocket ({@code ws-server}'s {@link FixtureReplay}), moved by whole days so the recording
 * starts at the next UTC midnight ({@code --shift-days}) and paced {@value #SPEED}× — six hours of
 * market in 90 s. The scanner is the real CLI, {@code cryptorun run --live --history … --kafka …
 * --control-topic …}, in a JVM of its own, warmed up by the fixture's bar history moved by the
 * same days; {@code mute} and {@code unmute} go through the CLI's own code to the real broker.
 *
 * <p>One client connection gets one recorded connection, {@code kraken-0}: 8 of the 24 symbols,
 * BCH/USD among them; the job subscribes those. On them BCH/USD first passes every gate at 05:45
 * (score 77.95), then at 05:51, 05:57 and 05:58 — what a replay of {@code kraken-0.jsonl.gz} with
 * the history gives too (with all 24 symbols the bundled replay alerts at 04:00 and 05:00 instead). The mute (from
 * 03:00) turns the 05:45 alert into a suppression with reason {@code muted}; the unmute (from 05:48)
 * lets 05:51 out.
 *
 * <p>Why shifted and not {@code --keep-times}: the live source stamps receive times from the wall
 * clock, and Kraken book snapshots carry no exchange time, so with the recorded 2025 times every
 * book would start years after its updates and every tick would arrive years late
 * ({@code late_fill}, and the scan waits for it). Moved to the coming midnight, exchange time runs
 * ahead of the clock at any pace ≥ 1, and whole days keep every bar (1m … 1d) aligned with the
 * history. What the job emits before the recording starts (the minute after the receipt-timed
 * snapshots, today) is ignored.
 */
class LiveMuteIT {
    /** Pace: the recording's six hours in 90 s after the job subscribes. */
    static final double SPEED = 240;
    static final String SYMBOLS = "ATOM/USD,AVAX/USD,BCH/USD,BONK/USD,BTC/USD,LTC/USD,TIA/USD,XRP/USD";
    static final LocalDate RECORDED_DAY = LocalDate.parse("2025-01-06");

    @TempDir
    Path dir;

    @Test
    void muteDuringALiveRunSuppressesTheNextAlertWithMutedAndUnmuteRestoresIt() throws Exception {
        long started = System.nanoTime();
        String kafka = NotifierAcceptanceIT.kafka();
        String suffix = UUID.randomUUID().toString();
        String controlTopic = "cryptorun.control.it-" + suffix;
        List<String> outputTopics = Stream.of("microstructure", "alerts", "exits", "quarantine")
                .map(t -> "cryptorun." + t + ".it-" + suffix).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            List<NewTopic> topics = new ArrayList<>(outputTopics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList());
            topics.add(new NewTopic(controlTopic, 1, (short) 1).configs(Map.of("retention.ms", "-1")));
            admin.createTopics(topics).all().get();
        }
        // the recording moved by whole days to start at the next UTC midnight (the one after, late in the day,
        // so that the job does not subscribe after it)
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(ZoneOffset.UTC);
        LocalDate day = now.toLocalDate().plusDays(now.getHour() == 23 ? 2 : 1);
        long days = ChronoUnit.DAYS.between(RECORDED_DAY, day);
        Instant t0300 = day.atTime(3, 0).toInstant(ZoneOffset.UTC);
        Instant t0545 = day.atTime(5, 45).toInstant(ZoneOffset.UTC);
        Instant t0548 = day.atTime(5, 48).toInstant(ZoneOffset.UTC);
        Instant t0551 = day.atTime(5, 51).toInstant(ZoneOffset.UTC);
        long start = micros(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        Path history = shiftedHistory(NotifierAcceptanceIT.BUNDLED.resolve("history-1h.csv.gz"), dir.resolve("history-1h.csv"), days);
        Path out = dir.resolve("out");
        Path log = dir.resolve("run-live.log");
        String[] k = {"--kafka", kafka, "--control-topic", controlTopic, "--user", "ops"};

        try (LoopbackExchange exchange = FixtureReplay.serveShifted(NotifierAcceptanceIT.BUNDLED, 0, SPEED,
                Duration.ofDays(days).toNanos() / 1_000)) {
            List<String> cmd = CliProcess.javaCommand(dir);
            cmd.addAll(List.of("run", "--live", "--venues", "kraken", "--symbols", SYMBOLS, "--history", history.toString(),
                    "--out", out.toString(), "--kafka", kafka, "--control-topic", controlTopic,
                    "--kafka-topic", outputTopics.get(0), "--kafka-alerts-topic", outputTopics.get(1),
                    "--kafka-exits-topic", outputTopics.get(2), "--kafka-quarantine-topic", outputTopics.get(3),
                    "--kafka-transactional-id-prefix", "it-" + suffix + "-", "--checkpoint-interval", "1000",
                    "--web-port", String.valueOf(freePort()), "--metrics-port", String.valueOf(freePort())));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("..").toAbsolutePath().normalize().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().keySet().removeIf(v -> v.startsWith("PG_") || v.startsWith("CRYPTORUN_") || v.equals("KAFKA_BOOTSTRAP"));
            pb.environment().put(Venue.KRAKEN.urlEnv(), exchange.wsUrl("/kraken"));
            Process job = pb.start();
            try {
                // the job is live: the recording's first minutes are committed
                Progress p = await(job, log, out, "microstructure", l -> l.path("ts").asLong() >= start, Duration.ofSeconds(60));
                assertThat(p.maxTs).as("the job has not reached 03:00 yet").isLessThan(micros(t0300));
                ControlCliIT.run(ControlCliIT.cat(new String[] {"mute", "BCH/USD", "--at", t0300.toString(), "--reason", "live test"}, k));
                System.out.printf("mute sent at %.1f s, the job at %s%n", secs(started), at(p.maxTs));
                // the running job applied it (audited as it arrives); then the unmute, due at 05:48
                await(job, log, out, "control_audit", l -> l.path("action").asText().equals("mute"), Duration.ofSeconds(30));
                p = await(job, log, out, "microstructure", l -> l.path("ts").asLong() >= start, Duration.ofSeconds(1));
                assertThat(p.maxTs).as("the job has not reached 05:45 yet").isLessThan(micros(t0545));
                ControlCliIT.run(ControlCliIT.cat(new String[] {"unmute", "BCH/USD", "--at", t0548.toString()}, k));
                System.out.printf("unmute sent at %.1f s, the job at %s%n", secs(started), at(p.maxTs));

                // 05:45: BCH/USD first passes every gate — decided as a suppression, reason muted
                Predicate<JsonNode> bch0545 = l -> bch(l) && l.path("ts").asLong() == micros(t0545);
                awaitAny(job, log, out, bch0545, Duration.ofSeconds(90), "suppressed", "alerts");
                assertThat(committed(out, "alerts")).as("05:45 BCH/USD alert").noneMatch(bch0545);
                // its next pass after the unmute, 05:51, goes out
                await(job, log, out, "alerts", l -> bch(l) && l.path("ts").asLong() >= micros(t0548), Duration.ofSeconds(60));
                await(job, log, out, "control_audit", l -> l.path("action").asText().equals("unmute"), Duration.ofSeconds(10));
                assertThat(exchange.sessions()).as("one connection: no reconnect, no resync").hasSize(1);
                System.out.printf("alert after the unmute committed at %.1f s%n", secs(started));
            } finally {
                long stopping = System.nanoTime();
                job.destroy(); // SIGTERM, as Ctrl-C stops a live run
                if (!job.waitFor(60, TimeUnit.SECONDS)) {
                    job.destroyForcibly();
                    throw new AssertionError("run --live did not stop within 60 s of SIGTERM; log " + log);
                }
                System.out.printf("run --live stopped %.1f s after SIGTERM (exit %d)%n", secs(stopping), job.exitValue());
            }
        }

        List<JsonNode> suppressed = committed(out, "suppressed");
        List<JsonNode> alerts = committed(out, "alerts");
        List<JsonNode> audit = committed(out, "control_audit");
        // the first BCH/USD alert of the recording (05:45) became a suppression with reason exactly muted
        assertThat(suppressed).filteredOn(s -> bch(s) && s.path("ts").asLong() == micros(t0545)).singleElement()
                .satisfies(s -> assertThat(texts(s.path("reasons"))).containsExactly("muted"));
        // nothing about BCH/USD went out while muted; the first alert is its next pass after the unmute
        long firstBch = alerts.stream().filter(a -> bch(a) && a.path("ts").asLong() >= start).mapToLong(a -> a.path("ts").asLong())
                .min().orElseThrow(() -> new AssertionError("no BCH/USD alert in the recording"));
        assertThat(at(firstBch)).as("first BCH/USD alert of the recording").isEqualTo(t0551);
        assertThat(suppressed).filteredOn(s -> bch(s) && s.path("ts").asLong() >= start && s.path("ts").asLong() < micros(t0548))
                .isNotEmpty().allSatisfy(s -> assertThat(texts(s.path("reasons"))).containsExactly("muted"));
        // both commands are in control_audit, applied, by who asked
        // in topic order (seq = offset; the part files of two checkpoints come in no particular order)
        audit.sort(java.util.Comparator.comparingLong(a -> a.path("seq").asLong()));
        assertThat(audit).extracting(a -> a.path("action").asText() + " " + a.path("target").asText() + " " + a.path("status").asText()
                        + " " + a.path("user").asText())
                .containsExactly("mute BCH/USD applied ops", "unmute BCH/USD applied ops");
        System.out.printf("live mute test: %.1f s%n", secs(started));
    }

    /** What the job has committed so far of one output, and its latest event time. */
    record Progress(List<JsonNode> lines, long maxTs) {}

    /** Waits until a committed line of {@code stream} matches; fails with the job's log tail when it exits or time runs out. */
    static Progress await(Process job, Path log, Path out, String stream, Predicate<JsonNode> match, Duration timeout) throws Exception {
        return awaitAny(job, log, out, match, timeout, stream);
    }

    /** Waits until a committed line of any of {@code streams} matches (the progress is the last stream's). */
    static Progress awaitAny(Process job, Path log, Path out, Predicate<JsonNode> match, Duration timeout, String... streams)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String stream : streams) {
                List<JsonNode> lines = committed(out, stream);
                if (lines.stream().anyMatch(match)) {
                    return new Progress(lines, lines.stream().mapToLong(l -> l.path("ts").asLong()).max().orElse(Long.MIN_VALUE));
                }
            }
            if (!job.isAlive() || System.nanoTime() > deadline) {
                List<String> tail = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new AssertionError("no matching committed " + String.join("/", streams) + " line " + (job.isAlive() ? "within " + timeout
                        : "(run --live exited " + job.exitValue() + ")") + "; latest microstructure "
                        + committed(out, "microstructure").stream().mapToLong(l -> l.path("ts").asLong()).max().orElse(0)
                        + "; suppressed " + committed(out, "suppressed").stream().filter(LiveMuteIT::bch).toList()
                        + "; alerts " + committed(out, "alerts")
                        + "; log tail:\n" + String.join("\n", tail.subList(Math.max(0, tail.size() - 40), tail.size())));
            }
            Thread.sleep(200);
        }
    }

    /** The committed part files' lines of {@code stream} under {@code out/_parts/} (in-progress files start with a dot). */
    static List<JsonNode> committed(Path out, String stream) throws IOException {
        Path parts = out.resolve("_parts").resolve(stream);
        if (!Files.isDirectory(parts)) return List.of();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(parts)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path f : files) {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) lines.add(json.readTree(l));
            }
        }
        return lines;
    }

    /** The bundled bar history with every bar's open time moved by {@code days}. */
    static Path shiftedHistory(Path gz, Path to, long days) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8));
                BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            w.write(r.readLine()); // header: venue,symbol,interval,open_time,…
            w.newLine();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.isBlank()) continue;
                String[] f = l.split(",", -1);
                f[3] = Instant.parse(f[3]).plus(days, ChronoUnit.DAYS).toString();
                w.write(String.join(",", f));
                w.newLine();
            }
        }
        return to;
    }

    static boolean bch(JsonNode l) {
        return l.path("symbol").asText().equals("BCH/USD");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
    }

    static Instant at(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
