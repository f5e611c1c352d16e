package io.cryptorun.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.evaluate.Evaluation;
import io.cryptorun.jobs.evaluate.PromotionGate;
import io.cryptorun.jobs.evaluate.RunOutputs;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled fixture, replayed once: its HTML report in real headless Chromium (no console
 * error, markers drawn = alerts + exits of the run, screenshot not blank, nothing fetched) and its
 * evaluation through the promotion gate against {@code docs/baselines/kraken-sim.json}.
 */
class BundledReportTest {
    static final Path BUNDLED = Path.of("..", "fixtures", "kraken-sim");
    static final Path BASELINE = Path.of("..", "docs", "baselines", "kraken-sim.json");

    @TempDir
    static Path dir;
    static Path run;
    static RunOutputs outputs;
    static JsonNode evaluation;

    @BeforeAll
    static void replay() throws Exception {
        run = dir.resolve("run");
        ReplayOptions o = new ReplayOptions();
        o.speed = 0;
        o.checkpointIntervalMs = 2000;
        ReplayRunner.run(BUNDLED, null, run, o, false, new PrintStream(PrintStream.nullOutputStream()));
        outputs = RunOutputs.read(run);
        evaluation = new Evaluation(outputs, RunOutputs.JSON_READER.readTree(BUNDLED.resolve("truth.json").toFile()),
                Evaluation.DEFAULT_SEED).evaluate();
    }

    @Test
    void promotionGatePassesAgainstTheCommittedBaseline() throws Exception {
        assertThat(PromotionGate.regressions(evaluation, RunOutputs.JSON_READER.readTree(BASELINE.toFile())))
                .as("regenerate with: ./cryptorun evaluate --fixtures fixtures/kraken-sim --write-baseline docs/baselines/kraken-sim.json")
                .isEmpty();
    }

    @Test
    void reportRendersEveryMarkerInChromiumWithoutConsoleErrors() throws Exception {
        Path html = ReportCommand.write(run, BUNDLED.resolve("truth.json"), dir.resolve("report.html"));
        long size = Files.size(html);
        assertThat(size).as("report size").isBetween(1_000_000L, 8_000_000L);
        String page = Files.readString(html);
        assertThat(page).doesNotContain("<script src=").doesNotContain("<link ").doesNotContain("/*@DATA@*/");
        assertThat(page).contains("Licensed under the Apache License"); // ECharts' LICENSE travels with it
        // the same run gives the same bytes
        Path again = ReportCommand.write(run, BUNDLED.resolve("truth.json"), dir.resolve("again.html"));
        assertThat(Files.mismatch(html, again)).isEqualTo(-1L);

        Path work = Files.createDirectories(dir.resolve("chromium-dom"));
        HeadlessChromium.Result dom = HeadlessChromium.run(html, work, "--dump-dom");
        assertThat(attr(dom.stdout(), "data-rendered")).as("page finished rendering; stderr: %s", dom.stderr()).isEqualTo("true");
        assertThat(attr(dom.stdout(), "data-console-errors")).as("errors: %s", attr(dom.stdout(), "data-errors")).isEqualTo("0");
        assertThat(dom.stderr()).doesNotContain("Uncaught").doesNotContain(":ERROR:CONSOLE");
        int alerts = outputs.alerts.size();
        int exits = outputs.exits.size();
        assertThat(alerts).isPositive();
        assertThat(exits).isPositive();
        assertThat(Integer.parseInt(attr(dom.stdout(), "data-alerts-drawn"))).isEqualTo(alerts);
        assertThat(Integer.parseInt(attr(dom.stdout(), "data-exits-drawn"))).isEqualTo(exits);
        assertThat(Integer.parseInt(attr(dom.stdout(), "data-markers-drawn"))).isEqualTo(alerts + exits);
        assertThat(Integer.parseInt(attr(dom.stdout(), "data-charts"))).isEqualTo(outputs.bars.size());

        Path shotWork = Files.createDirectories(dir.resolve("chromium-shot"));
        Path png = shotWork.resolve("shot.png");
        HeadlessChromium.run(html, shotWork, "--window-size=1400,1000", "--screenshot=" + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if ((rgb & 0xf0f0f0) != 0xf0f0f0) {
                    nonWhite++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(100);
        assertThat(nonWhite).as("drawn pixels").isGreaterThan((long) img.getWidth() * img.getHeight() / 4 / 20);
    }

    static String attr(String dom, String name) {
        Matcher m = Pattern.compile("<html[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : null;
    }
}
