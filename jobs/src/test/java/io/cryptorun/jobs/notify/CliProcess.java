package io.cryptorun.jobs.notify;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cryptorun …} in a fresh JVM on the test's classpath, exactly as a user starts it, logging everything at INFO. */
public final class CliProcess {
    private CliProcess() {}

    /** The java command line of the CLI (without its arguments), with a log4j config in {@code dir} sending INFO to stdout. */
    public static List<String> javaCommand(Path dir) throws IOException {
        Path log4j = Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.console.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_OUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d %-5p %c - %m%n", ""));
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) cmd.add(arg);
        }
        cmd.addAll(List.of("-Xmx768m", "-Dlog4j2.configurationFile=" + log4j, "-Dlog4j.configurationFile=" + log4j,
                "-cp", System.getProperty("java.class.path"), "io.cryptorun.jobs.cli.CryptoRunCli"));
        return cmd;
    }

    /** Starts {@code cryptorun args…} with only {@code env}'s PG_/CRYPTORUN_ variables, output appended to {@code log}. */
    static Process start(Path dir, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = javaCommand(dir);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("PG_") || k.startsWith("CRYPTORUN_"));
        pb.environment().putAll(env);
        return pb.start();
    }
}
