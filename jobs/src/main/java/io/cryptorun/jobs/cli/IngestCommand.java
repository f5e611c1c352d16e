package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.live.IngestJob;
import io.cryptorun.jobs.live.LiveArgs;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import io.cryptorun.jobs.kafka.KafkaFrameSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run the ingest job locally: exchange WebSockets -> Kafka md.raw.<venue> (fixture-line JSON, key = symbol, "
                + "exactly-once). Runs until interrupted.")
public final class IngestCommand implements Callable<Integer> {
    @Option(names = "--venues", defaultValue = LiveArgs.DEFAULT_VENUES, description = "Venues (default: ${DEFAULT-VALUE}).")
    String venues;

    @Option(names = "--symbols", defaultValue = LiveArgs.DEFAULT_SYMBOLS, description = "Symbols (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--kafka", required = true, defaultValue = "${env:KAFKA_BOOTSTRAP}", paramLabel = "<bootstrap>",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--checkpoint-interval", defaultValue = "5000", description = "ms; Kafka transactions commit on checkpoints.")
    long checkpointIntervalMs;

    @Option(names = "--region", paramLabel = "a|b", description = "Split-brain fencing (issue 17): the region whose Kafka --kafka is. "
            + "The ingest starts only when that region is the hot tier's active one (replication_failovers of --a-pg/--b-pg) "
            + "and marks its transactional ids with the fencing epoch. Without it: no fencing.")
    String region;

    @Option(names = "--a-pg", paramLabel = "JDBC_URL", defaultValue = "${env:CRYPTORUN_REGION_A_PG_URL}",
            description = "With --region: region a's database (env CRYPTORUN_REGION_A_PG_URL).")
    String aPg;

    @Option(names = "--b-pg", paramLabel = "JDBC_URL", defaultValue = "${env:CRYPTORUN_REGION_B_PG_URL}",
            description = "With --region: region b's database (env CRYPTORUN_REGION_B_PG_URL).")
    String bPg;

    @Override
    public Integer call() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (kafka == null || kafka.isBlank()) throw UserError.usage("ingest needs --kafka BOOTSTRAP", "or set KAFKA_BOOTSTRAP");
        // split-brain fencing first: a writer of a region that is not the active one must not even touch its broker
        io.cryptorun.jobs.replication.WriterFence fence = region == null ? null : RegionFenceCheck.writerFence(region, aPg, bPg, "ingest into " + kafka);
        Preflight.kafka(kafka, LiveArgs.venues(venues).stream().map(v -> KafkaFrameSource.TOPIC_PREFIX + v).toList(), null, System.err);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.enableCheckpointing(checkpointIntervalMs);
        IngestJob.build(env, LiveArgs.config(venues, symbols, System.getenv()), kafka, KafkaFrameSource.TOPIC_PREFIX, fence);
        System.out.println("ingesting " + venues + " " + symbols + " into " + kafka + " (md.raw.<venue>); Ctrl-C to stop");
        env.execute("cryptorun-ingest");
        return 0;
    }
}
