package io.cryptorun.jobs.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL 15 server for one test, on an ephemeral loopback port, started with the
 * Debian server binaries (as user postgres when running as root, which the server refuses), so a
 * test can restart it without touching the shared one. Same XA setting as the shared server.
 */
final class ThrowawayPostgres implements AutoCloseable {
    static final Path BIN = Path.of(System.getenv().getOrDefault("CRYPTORUN_PG_BIN", "/usr/lib/postgresql/15/bin"));

    final Path dir;
    final int port;
    final PgSettings settings;

    private ThrowawayPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.settings = PgSettings.of("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "throwaway");
    }

    static ThrowawayPostgres start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cryptorun-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ThrowawayPostgres pg = new ThrowawayPostgres(dir, port);
        if (root()) run(List.of("chown", "postgres:postgres", dir.toString()), false);
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "throwaway\n");
        if (root()) run(List.of("chown", "postgres:postgres", pw.toString()), false);
        pg.asOwner(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "-E", "UTF8",
                "--no-locale", "-A", "scram-sha-256", "--pwfile", pw.toString());
        Files.writeString(dir.resolve("data").resolve("postgresql.conf"), "\nlisten_addresses = '127.0.0.1'\nport = " + port
                + "\nunix_socket_directories = '" + dir + "'\nmax_prepared_transactions = 64\nfsync = off\n",
                java.nio.file.StandardOpenOption.APPEND);
        pg.pgCtl("start");
        return pg;
    }

    /** Stops the server (fast: connections are cut, prepared transactions survive) and starts it again. */
    void restart() throws Exception {
        pgCtl("restart", "-m", "fast");
    }

    private void pgCtl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60"));
        cmd.addAll(List.of(args));
        asOwner(cmd.toArray(String[]::new));
    }

    private void asOwner(String... cmd) throws Exception {
        List<String> full = new ArrayList<>();
        if (root()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(cmd));
        run(full, true);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> cmd, boolean inRoot) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (inRoot) pb.directory(Path.of("/").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            pgCtl("stop", "-m", "immediate");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
