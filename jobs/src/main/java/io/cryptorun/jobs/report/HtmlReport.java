package io.cryptorun.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.evaluate.RunOutputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the self-contained HTML report of a run: the page template, Apache ECharts (unpacked from
 * its WebJar at build time, see jobs/pom.xml) with its LICENSE and NOTICE, and the run's data as
 * one JSON literal. Opens offline: nothing is fetched.
 */
public final class HtmlReport {
    static final String RESOURCES = "/io/cryptorun/jobs/report/";

    private HtmlReport() {}

    public static Path write(RunOutputs run, JsonNode evaluation, Path out) throws IOException {
        String data = new ObjectMapper().writeValueAsString(ReportData.build(run, evaluation))
                .replace("</", "<\\/"); // a JSON literal inside <script> must not close it
        String page = resource("report.html")
                .replace("/*@ECHARTS_LICENSE@*/", resource("echarts/LICENSE") + "\n" + resource("echarts/NOTICE"))
                .replace("/*@ECHARTS@*/", resource("echarts/echarts.min.js"))
                .replace("/*@DATA@*/null", data);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, page, StandardCharsets.UTF_8);
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCES + name + " (built by jobs/pom.xml, execution report-echarts)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
