package io.cryptorun.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.simulator.MarketSimulator;
import io.cryptorun.simulator.SimConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar, as built by {@code mvn package}, uploaded to a Flink cluster's REST API
 * ({@code POST /jars/upload}, {@code POST /jars/:id/run}) exactly as a user does from the web UI
 * or a script: the cluster accepts it, runs {@code ScannerJob} from the jar's manifest in a
 * user-code class loader, and the job finishes with committed output.
 */
class ShadedJarRestSubmitIT {
    static final Path JAR = Path.of("target", "cryptorun-jobs.jar");

    @TempDir
    Path dir;

    @Test
    void clusterAcceptsAndRunsTheShadedJar() throws Exception {
        assertThat(JAR).as("built by mvn package before failsafe runs").exists();
        Path fixture = dir.resolve("fixture");
        new MarketSimulator(new SimConfig(11, 2, 1, 1, SimConfig.parseStart("2025-01-06T00:00:00Z"))).writeTo(fixture);
        Path out = dir.resolve("out");

        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, 0);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        cluster.start();
        try {
            URI rest = cluster.getRestAddress().get();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ObjectMapper json = new ObjectMapper();

            JsonNode uploaded = json.readTree(upload(http, rest, JAR));
            assertThat(uploaded.path("status").asText()).isEqualTo("success");
            String jarId = Path.of(uploaded.path("filename").asText()).getFileName().toString();

            String runBody = json.writeValueAsString(json.createObjectNode()
                    .put("parallelism", 2)
                    .set("programArgsList", json.valueToTree(List.of(
                            "--fixtures", fixture.toString(), "--out", out.toString()))));
            HttpResponse<String> run = http.send(HttpRequest.newBuilder(rest.resolve("/jars/" + jarId + "/run"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(runBody)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            String jobId = json.readTree(run.body()).path("jobid").asText();

            String state = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> job = http.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                state = json.readTree(job.body()).path("state").asText();
                if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) break;
                Thread.sleep(500);
            }
            assertThat(state).isEqualTo("FINISHED");
        } finally {
            cluster.close();
        }

        long committedLines;
        try (Stream<Path> parts = Files.walk(out.resolve("_parts").resolve("microstructure"))) {
            committedLines = parts.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .mapToLong(p -> {
                        try {
                            return Files.readAllLines(p).size();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).sum();
        }
        assertThat(committedLines).isPositive();
    }

    private static String upload(HttpClient http, URI rest, Path jar) throws Exception {
        String boundary = "----cryptorun" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("upload failed: " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
