package io.cryptorun.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A read-only client of a Flink 1.20 REST API (the JobManager's {@code rest.port}): GETs whose
 * answer is a JSON document. Any answer but HTTP 2xx, or a body that is not JSON, is an
 * {@link IOException} naming the path, so a caller reports one line instead of a stack trace.
 */
public final class FlinkRest {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;
    private final Duration timeout;

    public FlinkRest(String base, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String base() {
        return base;
    }

    /** GET {@code path} (starting with '/'), parsed. */
    public JsonNode get(String path) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + path, e);
        }
        if (res.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " -> HTTP " + res.statusCode() + ": " + abbreviate(res.body()));
        }
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new IOException("GET " + path + " answered no JSON: " + abbreviate(res.body()), e);
        }
    }

    /** {@code ?get=a,b,c&agg=max} for the metric ids, each URL-encoded (ids may hold '/', ':' or spaces). */
    static String metricQuery(List<String> ids, String agg) {
        return "?get=" + ids.stream().map(i -> URLEncoder.encode(i, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining(",")) + "&agg=" + agg;
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
