package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.kafka.KafkaFrameSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job jar's entry (a cluster job) takes the Kafka failover options as {@code run} does (issue 17). */
class KafkaFailoverArgsTest {
    @Test
    void theClusterEntryBuildsTheSpecFromTheOptions() {
        ScannerLauncher.ClusterJob job = ScannerLauncher.parse(new String[] {"--out", "o", "--source", "kafka", "--venues", "kraken",
            "--kafka", "127.0.0.1:19261", "--kafka-raw-prefix", "a.md.raw.", "--kafka-group", "g1", "--kafka-start", "committed"});
        assertThat(ScannerLauncher.kafkaSpec(job.options, job.venues)).isEqualTo(new KafkaFrameSource.Spec("127.0.0.1:19261",
                "a.md.raw.", List.of("kraken"), "g1", KafkaFrameSource.Start.COMMITTED));
    }

    @Test
    void defaultsAreMdRawTheScannerGroupAndTheEarliestOffsets() {
        ScannerLauncher.ClusterJob job = ScannerLauncher.parse(new String[] {"--out", "o", "--source", "kafka", "--venues", "kraken",
            "--kafka", "127.0.0.1:19251"});
        KafkaFrameSource.Spec spec = ScannerLauncher.kafkaSpec(job.options, job.venues);
        assertThat(spec.topics()).containsExactly("md.raw.kraken");
        assertThat(spec.groupId()).isEqualTo(KafkaFrameSource.GROUP);
        assertThat(spec.start()).isEqualTo(KafkaFrameSource.Start.EARLIEST);
    }

    @Test
    void aBadValueFailsTheSubmissionWithOneLine() {
        assertThatThrownBy(() -> ScannerLauncher.parse(new String[] {"--out", "o", "--kafka-start", "newest"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cryptorun: error: ")
                .hasMessageContaining("one of earliest, committed").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ScannerLauncher.parse(new String[] {"--out", "o", "--kafka-raw-prefix", "a*"}))
                .hasMessageStartingWith("cryptorun: error: ").hasMessageContaining("not allow");
    }
}
