package io.cryptorun.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static checks of {@code grafana/}: dashboards that Grafana can provision, and alert rules that
 * Prometheus can load, each with a runbook that exists. Whether their metrics exist is
 * {@code PrometheusMetricsTest}'s job. Each checker returns problems and is also shown to reject a
 * broken copy, so it can fail.
 */
class GrafanaProvisioningTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GRAFANA = ROOT.resolve("grafana");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new YAMLMapper();
    /** SPEC §11 SLOs and the alert that watches each. */
    static final List<String> SLO_ALERTS = List.of(
            "CryptoRunFreshnessSlo", "CryptoRunGuardLatencySlo", "CryptoRunEndToEndLatencySlo", "CryptoRunScanOnTimeSlo");

    @Test
    void everyDashboardIsProvisionable() throws IOException {
        List<Path> dashboards = files(GRAFANA.resolve("dashboards"), ".json");
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(5);
        Set<String> uids = new HashSet<>();
        for (Path d : dashboards) {
            JsonNode n = JSON.readTree(d.toFile());
            assertThat(dashboardProblems(n)).as(d.toString()).isEmpty();
            assertThat(uids.add(n.path("uid").asText())).as("unique uid " + n.path("uid")).isTrue();
        }
        JsonNode broken = JSON.readTree(dashboards.get(0).toFile());
        ((ObjectNode) broken.path("panels").get(0).path("targets").get(0)).put("expr", "");
        assertThat(dashboardProblems(broken)).anyMatch(p -> p.contains("no query"));
    }

    @Test
    void provisioningPointsAtTheMountedDashboardsAndThePrometheusDatasource() throws IOException {
        JsonNode providers = YAML.readTree(GRAFANA.resolve("provisioning/dashboards/cryptorun.yaml").toFile());
        assertThat(providers.at("/providers/0/options/path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        JsonNode ds = YAML.readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yaml").toFile());
        assertThat(ds.at("/datasources/0/type").asText()).isEqualTo("prometheus");
        assertThat(ds.at("/datasources/0/url").asText()).isEqualTo("${PROMETHEUS_URL}");
        String compose = Files.readString(ROOT.resolve("deploy/docker-compose.yml"));
        assertThat(compose).contains("../grafana/provisioning:/etc/grafana/provisioning:ro",
                "../grafana/dashboards:/var/lib/grafana/dashboards:ro", "../grafana/rules:/etc/prometheus/rules:ro");
        JsonNode prom = YAML.readTree(ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
        assertThat(prom.path("rule_files").toString()).contains("/etc/prometheus/rules/*.rules.yml");
    }

    @Test
    void everyAlertRuleIsCompleteAndLinksAnExistingRunbook() throws IOException {
        Set<String> anchors = anchors(ROOT.resolve("docs/RUNBOOKS.md"));
        List<Path> ruleFiles = files(GRAFANA.resolve("rules"), ".rules.yml");
        assertThat(ruleFiles).isNotEmpty();
        Set<String> alerts = new TreeSet<>();
        Set<String> records = new TreeSet<>();
        for (Path f : ruleFiles) {
            JsonNode doc = YAML.readTree(f.toFile());
            assertThat(ruleProblems(doc, anchors)).as(f.toString()).isEmpty();
            for (JsonNode g : doc.path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    if (r.has("record")) records.add(r.path("record").asText());
                    else alerts.add(r.path("alert").asText());
                }
            }
        }
        assertThat(alerts).as("an alert per SPEC §11 SLO").containsAll(SLO_ALERTS);
        // issue 17's metric under its own name (Flink's reporter prefixes the operator scope)
        assertThat(records).contains("cryptorun_quarantine_total");

        JsonNode broken = YAML.readTree(GRAFANA.resolve("rules").resolve("cryptorun-slo.rules.yml").toFile());
        ((ObjectNode) broken.at("/groups/0/rules/0/annotations")).put("runbook_url", "docs/RUNBOOKS.md#no-such-runbook");
        assertThat(ruleProblems(broken, anchors)).anyMatch(p -> p.contains("no-such-runbook"));
    }

    static List<String> dashboardProblems(JsonNode d) {
        List<String> problems = new ArrayList<>();
        for (String f : List.of("uid", "title")) {
            if (d.path(f).asText().isBlank()) problems.add("missing " + f);
        }
        if (!d.path("panels").isArray() || d.path("panels").isEmpty()) problems.add("no panels");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
            String title = p.path("title").asText();
            if (!ids.add(p.path("id").asInt(-1))) problems.add("duplicate panel id in " + title);
            if (p.path("gridPos").path("w").asInt() <= 0) problems.add("no gridPos for " + title);
            if (!p.path("targets").isArray() || p.path("targets").isEmpty()) problems.add("no targets in " + title);
            for (JsonNode t : p.path("targets")) {
                if (t.path("expr").asText().isBlank()) problems.add("no query in " + title);
            }
            if (!"${datasource}".equals(p.at("/datasource/uid").asText())) problems.add("panel " + title + " does not use $datasource");
        }
        return problems;
    }

    static List<String> ruleProblems(JsonNode doc, Set<String> runbookAnchors) {
        List<String> problems = new ArrayList<>();
        if (!doc.path("groups").isArray() || doc.path("groups").isEmpty()) problems.add("no groups");
        for (JsonNode g : doc.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.has("record")) { // a recording rule: a valid metric name and a query
                    String record = r.path("record").asText();
                    if (!record.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) problems.add("recording rule with bad name " + record);
                    if (r.path("expr").asText().isBlank()) problems.add(record + ": no expr");
                    continue;
                }
                String name = r.path("alert").asText();
                if (name.isBlank()) problems.add("rule without alert name in " + g.path("name").asText());
                if (r.path("expr").asText().isBlank()) problems.add(name + ": no expr");
                if (!Set.of("warning", "critical").contains(r.at("/labels/severity").asText())) problems.add(name + ": severity");
                if (r.at("/annotations/summary").asText().isBlank()) problems.add(name + ": no summary");
                String url = r.at("/annotations/runbook_url").asText();
                if (!url.startsWith("docs/RUNBOOKS.md#")) {
                    problems.add(name + ": runbook_url must be docs/RUNBOOKS.md#<anchor>, got " + url);
                } else if (!runbookAnchors.contains(url.substring(url.indexOf('#') + 1))) {
                    problems.add(name + ": runbook anchor missing in docs/RUNBOOKS.md: " + url);
                }
            }
        }
        return problems;
    }

    /** GitHub-style anchors of the markdown headings. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^#{1,6}\\s+(.+)$").matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return out;
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
