package io.cryptorun.jobs.graph;

import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.jobs.output.JsonCodec;
import io.cryptorun.sources.model.Quarantine;
import org.apache.flink.api.common.functions.MapFunction;

/** Kafka record: key = symbol (none for a frame without one), value = the quarantine JSON line. */
public final class KeyedQuarantine implements MapFunction<Quarantine, KafkaJsonSink.Keyed> {
    private static final long serialVersionUID = 1L;

    @Override
    public KafkaJsonSink.Keyed map(Quarantine q) {
        return new KafkaJsonSink.Keyed(q.symbol() == null || q.symbol().isEmpty() ? null : q.symbol(), JsonCodec.quarantine(q));
    }
}
