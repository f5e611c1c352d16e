package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cluster.FlinkRest;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --rest URL}: the Flink REST API to talk to; by default {@code CRYPTORUN_FLINK_REST}, else
 * {@code http://127.0.0.1:<CRYPTORUN_FLINK_REST_PORT or 8081>}, as {@code deploy/local/cluster.sh} resolves it.
 */
public final class FlinkRestOption {
    @Option(names = "--rest", paramLabel = "URL",
            description = "Flink REST base URL (default: $CRYPTORUN_FLINK_REST, else http://127.0.0.1:$CRYPTORUN_FLINK_REST_PORT, port 8081).")
    String url;

    String url() {
        if (url != null && !url.isBlank()) return url;
        String env = System.getenv("CRYPTORUN_FLINK_REST");
        if (env != null && !env.isBlank()) return env;
        String port = System.getenv("CRYPTORUN_FLINK_REST_PORT");
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8081" : port);
    }

    FlinkRest client(Duration timeout) {
        String u = url();
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw UserError.usage("not an http(s) URL: " + u, "e.g. --rest http://127.0.0.1:8081");
        }
        return new FlinkRest(u, timeout);
    }
}
