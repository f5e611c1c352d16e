package io.cryptorun.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.db.TestPg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 / docs/SECURITY.md: a secret handed to the scanner the supported ways (env
 * {@code PG_PASSWORD}, or a mounted file) is used — the replay really logs in with it and writes
 * its tables — but appears in no log line (everything at INFO, the CLI's own output included) and
 * in no output file. The job runs as a separate process with the real CLI, exactly as a user starts
 * it, against a throwaway PostgreSQL role whose password is random.
 */
class SecretsNeverLoggedIT {
    private static final Path MULTI_VENUE = Path.of("..", "fixtures", "multi-venue-sim").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aPasswordFromTheEnvironmentIsUsedButNeverLoggedOrWritten() throws Exception {
        runAndScan(false);
    }

    @Test
    void aPasswordFromAMountedFileIsUsedButNeverLoggedOrWritten() throws Exception {
        runAndScan(true);
    }

    private void runAndScan(boolean viaFile) throws Exception {
        String secret = "s3cret-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String role = "it_secret_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        PgSettings admin = TestPg.shared();
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + secret + "'");
            st.execute("GRANT CREATE ON DATABASE " + c.getCatalog() + " TO " + role);
        }
        try {
            try (Connection c = PgSettings.of(admin.jdbcUrl(), role, secret).connect(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + role + " AUTHORIZATION " + role);
            }
            String dsn = admin.jdbcUrl() + (admin.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + role;
            Path out = dir.resolve("out");
            Path log = dir.resolve("cli.log");
            List<String> cmd = javaCommand();
            cmd.addAll(List.of("replay", "--fixtures", MULTI_VENUE.toString(), "--out", out.toString(),
                    "--pg-dsn", dsn, "--pg-user", role));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("PG_") || k.startsWith("CRYPTORUN_PG"));
            if (viaFile) {
                Path secretFile = Files.writeString(dir.resolve("pg-password"), secret + "\n");
                cmd.addAll(List.of("--pg-password-file", secretFile.toString()));
                pb.command(cmd);
            } else {
                env.put("PG_PASSWORD", secret);
            }
            Process p = pb.start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("replay finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("replay exit code; output:%n%s", output).isZero();

            // it really used the secret: it logged in and wrote the tables
            assertThat(TestPg.count(PgSettings.of(dsn, role, secret), "SELECT count(*) FROM microstructure")).isPositive();
            assertThat(output).as("INFO logs of the whole run").contains("INFO");
            List<Path> leaks = filesContaining(dir, secret, dir.resolve("pg-password"));
            assertThat(leaks).as("files holding the secret").isEmpty();
            // the scan itself can fail: the secret file it was given does hold it
            if (viaFile) assertThat(filesContaining(dir, secret, null)).containsExactly(dir.resolve("pg-password"));
        } finally {
            try (Connection c = PgSettings.of(admin.jdbcUrl(), role, secret).connect(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + role + " CASCADE");
            }
            try (Connection c = admin.connect(); Statement st = c.createStatement()) {
                st.execute("REVOKE CREATE ON DATABASE " + c.getCatalog() + " FROM " + role);
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** The CLI in a fresh JVM on this test's classpath, logging everything at INFO into its output. */
    private List<String> javaCommand() throws IOException {
        return io.cryptorun.jobs.notify.CliProcess.javaCommand(dir);
    }

    /** Every regular file under {@code root} (except {@code skip}) whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path root, String needle, Path skip) throws IOException {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.equals(skip)) continue;
                if (indexOf(Files.readAllBytes(f), n) >= 0) hits.add(f);
            }
        }
        return hits;
    }

    private static int indexOf(byte[] hay, byte[] n) {
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
