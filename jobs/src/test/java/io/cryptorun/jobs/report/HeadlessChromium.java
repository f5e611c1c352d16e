package io.cryptorun.jobs.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode (installed by {@code ./cryptorun test}; override the
 * binary with {@code CRYPTORUN_CHROMIUM}). Missing → the test fails with the line that fixes it.
 */
final class HeadlessChromium {
    private HeadlessChromium() {}

    static String binary() {
        String env = System.getenv("CRYPTORUN_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return env;
        }
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new AssertionError("chromium not found: install it with `apt-get install -y chromium` "
                + "(./cryptorun test does) or set CRYPTORUN_CHROMIUM to a Chromium binary");
    }

    record Result(String stdout, String stderr) {}

    /** Runs Chromium on {@code page} with {@code extra} arguments; the page's scripts get 20 s of virtual time. */
    static Result run(Path page, Path work, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=" + work.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=20000"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
