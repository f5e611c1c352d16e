package io.cryptorun.jobs.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real CLI in a JVM of its own, started as {@code ./cryptorun} starts it (its own log4j
 * configuration, the Java 17 opens, this build's classes), with stdout and stderr kept apart.
 */
final class CliProcess {
    /** What a finished CLI process did. */
    record Ran(int exit, String out, String err, long millis) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private CliProcess() {}

    static Ran run(Path dir, Map<String, String> env, String... args) throws Exception {
        return run(dir, env, p -> {}, args);
    }

    /** Runs the CLI with {@code args} in the repository root; {@code whileRunning} gets the process. */
    static Ran run(Path dir, Map<String, String> env, Consumer<Process> whileRunning, String... args) throws Exception {
        List<String> cmd = javaCommand();
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repoRoot().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG_") || k.equals("KAFKA_BOOTSTRAP")
                || k.equals("CRYPTORUN_WEB_PORT") || k.equals("CRYPTORUN_CONFIG"));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            whileRunning.accept(p);
            if (!p.waitFor(5, TimeUnit.MINUTES)) throw new AssertionError("cryptorun " + String.join(" ", args) + " still running after 5 min");
        } finally {
            p.destroyForcibly();
        }
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    static Path repoRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    private static List<String> javaCommand() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) cmd.add(arg);
        }
        cmd.addAll(List.of("-Xmx768m", "-cp", System.getProperty("java.class.path"), CryptoRunCli.class.getName()));
        return cmd;
    }
}
