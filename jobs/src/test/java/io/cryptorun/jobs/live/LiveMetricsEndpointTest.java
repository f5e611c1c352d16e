package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The `run --live` Prometheus setting; the scrape itself is {@link PrometheusMetricsTest}'s. */
class LiveMetricsEndpointTest {
    @Test
    void portAndRangeAreAppliedAndTheEnvironmentGivesTheDefault() {
        Configuration c = LiveMetricsEndpoint.configure(new Configuration(), "28181");
        assertThat(c.getString("metrics.reporter.prom.port", "")).isEqualTo("28181");
        assertThat(LiveMetricsEndpoint.configure(new Configuration(), "29249-29259").getString("metrics.reporter.prom.port", ""))
                .isEqualTo("29249-29259");
        assertThat(LiveMetricsEndpoint.portFrom(Map.of())).isEqualTo("9249");
        assertThat(LiveMetricsEndpoint.portFrom(Map.of("CRYPTORUN_METRICS_PORT", "29250"))).isEqualTo("29250");
    }

    @Test
    void badPortsAreOneLineErrors() {
        for (String bad : new String[] {"", "abc", "0", "65536", "9300-9200", "92 49"}) {
            assertThatThrownBy(() -> LiveMetricsEndpoint.configure(new Configuration(), bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--metrics-port").hasMessageNotContaining("\n");
        }
    }
}
