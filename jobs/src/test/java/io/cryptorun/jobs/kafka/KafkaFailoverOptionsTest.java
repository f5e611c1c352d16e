package io.cryptorun.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.FileSinks;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.cli.CryptoRunCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Kafka source's failover options (issue 17): a bad {@code --kafka-raw-prefix/--kafka-start/--kafka-group} is one
 * line and exit 2 before anything runs; the topics follow the prefix; the source's uid is {@code source-frames} on
 * {@code md.raw.} (every existing savepoint) and {@code source-frames@<prefix>} on another prefix, with the fence
 * {@code kafka-fence} after it in both; a fixture replay's graph has no fence.
 */
class KafkaFailoverOptionsTest {
    @TempDir
    Path dir;

    private static String[] run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--source", "kafka", "--kafka", "127.0.0.1:1", "--out", "/nonexistent/x"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String err(int[] exit, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = CryptoRunCli.commandLine().setErr(new PrintWriter(err));
        exit[0] = cmd.execute(args);
        return err.toString();
    }

    @Test
    void badOptionsAreOneLineExitTwo() {
        int[] exit = new int[1];
        for (String[] bad : List.of(new String[] {"--kafka-raw-prefix", "a md.raw."}, new String[] {"--kafka-raw-prefix", ""},
                new String[] {"--kafka-start", "latest"}, new String[] {"--kafka-group", " "})) {
            String said = err(exit, run(bad));
            assertThat(exit[0]).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(said.strip().lines()).as(said).hasSize(1).first().asString().startsWith("cryptorun: error: ");
        }
        assertThat(err(exit, run("--kafka-raw-prefix", "a md.raw."))).contains("a md.raw.").contains("only a-z A-Z 0-9 . _ -");
        assertThat(err(exit, run("--kafka-start", "latest"))).contains("'latest' is not a Kafka start: one of earliest, committed");
    }

    @Test
    void theSpecNamesThePrefixedTopicsAndRejectsWhatKafkaWouldNot() {
        KafkaFrameSource.Spec spec = new KafkaFrameSource.Spec("b:9092", "a.md.raw.", List.of("kraken", "gemini"), "g",
                KafkaFrameSource.Start.COMMITTED);
        assertThat(spec.topics()).containsExactly("a.md.raw.kraken", "a.md.raw.gemini");
        assertThat(KafkaFrameSource.Spec.of("a:9092", List.of("kraken")).topics()).containsExactly("md.raw.kraken");
        assertThat(KafkaFrameSource.Spec.of("a:9092", List.of("kraken")).groupId()).isEqualTo("cryptorun-scanner");
        assertThatThrownBy(() -> new KafkaFrameSource.Spec("b:9092", "a/md.", List.of("kraken"), "g", KafkaFrameSource.Start.EARLIEST))
                .hasMessageContaining("a character Kafka does not allow");
        assertThat(KafkaFrameSource.Start.parse("committed")).isEqualTo(KafkaFrameSource.Start.COMMITTED);
        assertThat(KafkaFrameSource.Start.parse("earliest")).isEqualTo(KafkaFrameSource.Start.EARLIEST);
    }

    @Test
    void theSourceUidFollowsThePrefixAndTheFenceUidDoesNot() throws Exception {
        assertThat(uids(ScannerInputs.kafka(KafkaFrameSource.Spec.of("127.0.0.1:1", List.of("kraken")))))
                .contains("source-frames", KafkaFrames.FENCE_UID).doesNotContain("source-frames@md.raw.");
        assertThat(uids(ScannerInputs.kafka(new KafkaFrameSource.Spec("127.0.0.1:1", "a.md.raw.", List.of("kraken"),
                "cryptorun-scanner", KafkaFrameSource.Start.COMMITTED))))
                .contains("source-frames@a.md.raw.", KafkaFrames.FENCE_UID).doesNotContain("source-frames");
        assertThat(uids(ScannerInputs.fixtures(Path.of("..", "fixtures", "kraken-sim"), null, 0, null)))
                .contains("source-frames").doesNotContain(KafkaFrames.FENCE_UID);
    }

    private List<String> uids(ScannerInputs inputs) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        new ScannerJob(inputs, FileSinks.outputs(dir.resolve("out")), AnalyticsSettings.defaults()).build(env);
        return env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID)
                .filter(java.util.Objects::nonNull).toList();
    }
}
