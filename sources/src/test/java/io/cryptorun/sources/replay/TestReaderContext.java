package io.cryptorun.sources.replay;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;

/** A reader context whose counters can be read back. */
public final class TestReaderContext implements SourceReaderContext {
    private final int subtask;
    private final Metrics metrics = new Metrics();

    public TestReaderContext(int subtask) {
        this.subtask = subtask;
    }

    public long counter(String name) {
        Counter c = metrics.counters.get(name);
        return c == null ? -1 : c.getCount();
    }

    @Override
    public SourceReaderMetricGroup metricGroup() {
        return metrics;
    }

    @Override
    public Configuration getConfiguration() {
        return new Configuration();
    }

    @Override
    public String getLocalHostName() {
        return "localhost";
    }

    @Override
    public int getIndexOfSubtask() {
        return subtask;
    }

    @Override
    public void sendSplitRequest() {}

    @Override
    public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        return new UserCodeClassLoader() {
            @Override
            public ClassLoader asClassLoader() {
                return TestReaderContext.class.getClassLoader();
            }

            @Override
            public void registerReleaseHookIfAbsent(String name, Runnable hook) {}
        };
    }

    static final class Metrics extends UnregisteredMetricsGroup implements SourceReaderMetricGroup {
        final Map<String, Counter> counters = new HashMap<>();
        private final OperatorIOMetricGroup io = UnregisteredMetricsGroup.createOperatorIOMetricGroup();

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            return io;
        }

        @Override
        public Counter getNumRecordsInErrorsCounter() {
            return new SimpleCounter();
        }

        @Override
        public void setPendingBytesGauge(Gauge<Long> gauge) {}

        @Override
        public void setPendingRecordsGauge(Gauge<Long> gauge) {}
    }
}
