package io.cryptorun.jobs.validate;

import io.cryptorun.functions.validate.ValidationFlag;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * {@code cryptorun_quarantine_total{tier,region,kind}} of one validation operator: the metric group
 * {@code cryptorun → tier → region → kind}, a counter {@code quarantine_total} per kind. Every kind is registered up
 * front, as the scan's gate counters are, so dashboards and the Prometheus scrape see each series (at 0) before its
 * first flag.
 */
final class QuarantineCounters {
    private final MetricGroup kinds;
    private final Map<String, Counter> counters = new HashMap<>();

    QuarantineCounters(MetricGroup operator, ValidationSettings settings) {
        kinds = operator.addGroup("cryptorun").addGroup("tier", settings.tier()).addGroup("region", settings.region());
        for (String kind : ValidationFlag.KINDS) counter(kind);
    }

    void inc(String kind) {
        counter(kind).inc();
    }

    long count(String kind) {
        return counter(kind).getCount();
    }

    private Counter counter(String kind) {
        return counters.computeIfAbsent(kind, k -> kinds.addGroup("kind", k).counter("quarantine_total"));
    }
}
