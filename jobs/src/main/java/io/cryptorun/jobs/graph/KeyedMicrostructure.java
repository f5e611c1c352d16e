package io.cryptorun.jobs.graph;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.validate.FlaggedMicrostructure;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.jobs.output.JsonCodec;
import org.apache.flink.api.common.functions.MapFunction;

/** Kafka record: key = symbol, value = the same JSON line as the file output. */
public final class KeyedMicrostructure implements MapFunction<Microstructure, KafkaJsonSink.Keyed> {
    private static final long serialVersionUID = 1L;

    @Override
    public KafkaJsonSink.Keyed map(Microstructure m) {
        return new KafkaJsonSink.Keyed(m.symbol(), JsonCodec.microstructure(m));
    }

    /** The same for a flagged record (its line carries the flags). */
    public static final class Flagged implements MapFunction<FlaggedMicrostructure, KafkaJsonSink.Keyed> {
        private static final long serialVersionUID = 1L;

        @Override
        public KafkaJsonSink.Keyed map(FlaggedMicrostructure f) {
            return new KafkaJsonSink.Keyed(f.microstructure().symbol(), JsonCodec.flaggedMicrostructure(f));
        }
    }
}
