package io.cryptorun.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkRestJobsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void activeJobsNewestFirst() throws IOException {
        var overview = JSON.readTree("{\"jobs\":["
                + "{\"jid\":\"a\",\"name\":\"old\",\"start-time\":1,\"state\":\"RUNNING\"},"
                + "{\"jid\":\"b\",\"name\":\"done\",\"start-time\":5,\"state\":\"FINISHED\"},"
                + "{\"jid\":\"c\",\"name\":\"new job\",\"start-time\":3,\"state\":\"RESTARTING\"},"
                + "{\"jid\":\"d\",\"name\":\"x\",\"start-time\":4,\"state\":\"CANCELED\"},"
                + "{\"jid\":\"e\",\"name\":\"y\",\"start-time\":6,\"state\":\"FAILED\"}]}");
        assertThat(FlinkRestJobs.active(overview)).extracting(FlinkRestJobs.Job::line).containsExactly("c RESTARTING new job", "a RUNNING old");
        assertThat(FlinkRestJobs.all(overview)).extracting(FlinkRestJobs.Job::jid).containsExactly("e", "b", "d", "c", "a");
        assertThat(FlinkRestJobs.active(JSON.readTree("{}"))).isEmpty();
    }

    @Test
    void jobIds() {
        assertThat(FlinkRestJobs.isJobId("a3c1e5f700000000000000000000beef")).isTrue();
        assertThat(FlinkRestJobs.isJobId("a3c1e5f700000000000000000000bee")).isFalse();
        assertThat(FlinkRestJobs.isJobId("A3C1E5F700000000000000000000BEEF")).isFalse();
        assertThat(FlinkRestJobs.isJobId(null)).isFalse();
    }

    @Test
    void configValue() throws IOException {
        var config = JSON.readTree("[{\"key\":\"rest.port\",\"value\":\"8081\"},"
                + "{\"key\":\"execution.checkpointing.savepoint-dir\",\"value\":\"file:///tmp/sp\"}]");
        assertThat(FlinkRestJobs.configValue(config, "execution.checkpointing.savepoint-dir")).isEqualTo("file:///tmp/sp");
        assertThat(FlinkRestJobs.configValue(config, "execution.checkpointing.dir")).isNull();
    }

    @Test
    void requestBodies() {
        assertThat(FlinkRestJobs.runRequest(List.of("--out", "dir with \"quotes\""), null, null, null, true).toString())
                .isEqualTo("{\"programArgsList\":[\"--out\",\"dir with \\\"quotes\\\"\"]}");
        assertThat(FlinkRestJobs.runRequest(List.of(), "io.x.Main", 2, "file:/sp/1", false).toString())
                .isEqualTo("{\"programArgsList\":[],\"entryClass\":\"io.x.Main\",\"parallelism\":2,\"savepointPath\":\"file:/sp/1\",\"allowNonRestoredState\":false}");
        assertThat(FlinkRestJobs.stopRequest("file:///tmp/sp").toString()).isEqualTo("{\"targetDirectory\":\"file:///tmp/sp\",\"drain\":false}");
    }
}
