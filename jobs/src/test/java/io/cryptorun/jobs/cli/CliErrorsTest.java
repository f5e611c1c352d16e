package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How failures read ({@link CliErrors}), the progress line ({@link ReplayProgress}) and the Kafka retention check. */
class CliErrorsTest {
    /** A config error type of another part of the code base, as the integrator would plug it in. */
    static final class BadConfigValue extends IllegalArgumentException {
        BadConfigValue(String m) {
            super(m);
        }
    }

    @Test
    void aTypeRegisteredAfterTheStandardOnesBeatsTheBroadIllegalArgument() {
        CliErrors errors = CliErrors.standard().on(BadConfigValue.class, e -> UserError.usage(e.getMessage(), "fix config/cryptorun.yaml"));
        UserError e = errors.translate(new RuntimeException("wrapped", new BadConfigValue("thresholds.score: 'x' is not a number")));
        assertThat(e.line()).isEqualTo("cryptorun: error: thresholds.score: 'x' is not a number (fix config/cryptorun.yaml)");
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(CliErrors.standard().translate(new BadConfigValue("x")).hint()).isEqualTo("see --help");
    }

    @Test
    void theFirstMatchingTranslatorWinsAnywhereInTheCauseChain() {
        // Flink wraps a busy port in layers of its own; IllegalArgument outside it must not win
        Exception flink = new IllegalArgumentException("could not start the cluster",
                new RuntimeException("rest endpoint", new BindException("Address already in use")));
        UserError e = CliErrors.standard().translate(flink);
        assertThat(e.line()).startsWith("cryptorun: error: a port is already in use: Address already in use (");
        assertThat(e.exitCode()).isEqualTo(1);
    }

    @Test
    void postgresFailuresByState() {
        assertThat(CliErrors.standard().translate(new SQLException("Connection refused", "08001")).line())
                .isEqualTo("cryptorun: error: cannot reach PostgreSQL: Connection refused (start it (`./cryptorun services up pg`) or fix --pg-dsn / PG_DSN)");
        assertThat(CliErrors.standard().translate(new SQLException("password authentication failed", "28P01")).hint())
                .contains("PG_PASSWORD");
        assertThat(CliErrors.standard().translate(new SQLException("database \"x\" does not exist", "3D000")).hint())
                .contains("database name");
    }

    @Test
    void unknownFailuresAreStillOneLineAndMultiLineMessagesAreFolded() {
        UserError e = CliErrors.standard().translate(new RuntimeException("outer", new IllegalStateException("first\n  second")));
        assertThat(e.line()).isEqualTo("cryptorun: error: IllegalStateException: first; second (unexpected; run again with --verbose for the stack trace)");
        assertThat(e.exitCode()).isEqualTo(1);
    }

    @Test
    void verbosePrintsTheTraceAfterTheLine() {
        StringWriter err = new StringWriter();
        CommandLine cmd = CryptoRunCli.commandLine().setErr(new PrintWriter(err));
        int exit = cmd.execute("db", "info", "--pg-dsn", "mysql://x/y", "--verbose");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElseThrow()).startsWith("cryptorun: error: unsupported DSN");
        assertThat(err.toString()).contains("\tat io.cryptorun.jobs.db.DbConfig");
    }

    @Test
    void progressLineAndItsPaceOffATerminal() {
        ReplayProgress.Snapshot a = new ReplayProgress.Snapshot(0, 1000, 0, Long.MIN_VALUE, 3_000_000_000L);
        ReplayProgress.Snapshot b = new ReplayProgress.Snapshot(250, 1000, 3, 1_736_123_456_789_000L, 8_000_000_000L);
        ReplayProgress.Snapshot c = new ReplayProgress.Snapshot(500, 1000, 3, 1_736_123_999_000_000L, 13_000_000_000L);
        assertThat(a.line(null)).isEqualTo("starting the job… · 3 s");
        assertThat(b.line(a)).isEqualTo("250 frames (25%) · at 2025-01-06T00:30:56Z · 50 frames/s · 3 quarantined · 8 s");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplayProgress plain = ReplayProgress.console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (ReplayProgress.Snapshot s : List.of(a, b, c)) plain.update(s);
        plain.done();
        // 10 s apart at most one line: a (3 s) and c (13 s), not b (8 s)
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "replay: starting the job… · 3 s",
                "replay: 500 frames (50%) · at 2025-01-06T00:39:59Z · 50 frames/s · 3 quarantined · 13 s");
        bytes.reset();
        ReplayProgress tty = ReplayProgress.console(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        tty.update(b);
        tty.update(c);
        tty.done();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rreplay: 250 frames").contains("\rreplay: 500 frames").endsWith("13 s\n");
    }

    @Test
    void retentionThatWouldDeleteReplayedRecordsIsReported() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant recorded = Instant.parse("2025-01-06T00:00:00Z");
        Config week = new Config(List.of(new ConfigEntry("retention.ms", "604800000"), new ConfigEntry("message.timestamp.type", "CreateTime")));
        assertThat(Preflight.retentionWarning("t", week, recorded, now)).startsWith("topic t keeps records 168 h (retention.ms=604800000)")
                .contains("retention.ms=-1");
        assertThat(Preflight.retentionWarning("t", week, now.minusSeconds(3600), now)).isNull();
        Config forever = new Config(List.of(new ConfigEntry("retention.ms", "-1")));
        assertThat(Preflight.retentionWarning("t", forever, recorded, now)).isNull();
        Config appendTime = new Config(List.of(new ConfigEntry("retention.ms", "1000"), new ConfigEntry("message.timestamp.type", "LogAppendTime")));
        assertThat(Preflight.retentionWarning("t", appendTime, recorded, now)).isNull();
    }
}
