package io.cryptorun.jobs.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads Prometheus text exposition from Flink's reporter and finds metric names in docs, dashboards and rules. */
final class PrometheusScrape {
    /** A Flink metric name as it appears in PromQL, exposition lines and docs. */
    static final Pattern FLINK_NAME = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
    private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(\\{([^}]*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private PrometheusScrape() {}

    /** Metric name → the label sets seen for it, from every endpoint answering in the port range. */
    static Map<String, Set<Map<String, String>>> scrapeRange(int firstPort, int lastPort) {
        Map<String, Set<Map<String, String>>> all = new TreeMap<>();
        for (int port = firstPort; port <= lastPort; port++) {
            String body;
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) continue;
                body = r.body();
            } catch (IOException e) {
                continue; // nothing listening on this port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return all;
            }
            parse(body).forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.HashSet<>()).addAll(v));
        }
        return all;
    }

    static Map<String, Set<Map<String, String>>> parse(String exposition) {
        Map<String, Set<Map<String, String>>> out = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) continue;
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            out.computeIfAbsent(m.group(1), k -> new java.util.HashSet<>()).add(labels);
        }
        return out;
    }

    /** Every {@code flink_…} metric name written in the given files (or in the files under the given directories). */
    static Set<String> namesIn(Path... roots) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = FLINK_NAME.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group().endsWith("_")) names.add(m.group()); // a prefix in prose, not a metric
                    }
                }
            }
        }
        return names;
    }
}
