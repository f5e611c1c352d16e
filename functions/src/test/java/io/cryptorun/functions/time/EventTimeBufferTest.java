package io.cryptorun.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The shared "park under event time, decide in a timer" buffer, in a real keyed operator (test
 * harness): input parks under its key, the key's timer fires once at {@code timerOf(key)}, the
 * timer takes everything parked under it, late input is recognised exactly at the boundary, and the
 * parked input survives a snapshot/restore.
 */
class EventTimeBufferTest {
    /** Timer 5 ms after the key, like the scan's late-fill window. */
    static final long DELAY = 5;

    /** Parks "key:value" input under key; on the timer emits "key=[values in arrival order]", or "late:…". */
    static final class Parking extends KeyedProcessFunction<String, String, String> {
        private static final long serialVersionUID = 1L;
        private transient EventTimeBuffer<String[]> buffer;

        @Override
        public void open(OpenContext ctx) {
            buffer = new EventTimeBuffer<>(getRuntimeContext().getMapState(
                    new MapStateDescriptor<>("parked", Types.LONG, Types.OBJECT_ARRAY(Types.STRING))),
                    new String[0], k -> k + DELAY);
        }

        @Override
        public void processElement(String in, Context ctx, Collector<String> out) throws Exception {
            long key = Long.parseLong(in.substring(0, in.indexOf(':')));
            String value = in.substring(in.indexOf(':') + 1);
            if (buffer.passed(key, ctx.timerService())) {
                out.collect("late:" + in);
                return;
            }
            buffer.park(key, ctx.timerService(), p -> {
                String[] next = Arrays.copyOf(p, p.length + 1);
                next[p.length] = value;
                return next;
            });
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            long key = timestamp - DELAY;
            String[] parked = buffer.take(key);
            out.collect(key + "=" + (parked == null ? "none" : Arrays.toString(parked)));
            assertThat(buffer.take(key)).as("taken once").isNull();
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness() throws Exception {
        KeySelector<String, String> one = s -> "k";
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Parking()), one, Types.STRING);
    }

    @Test
    void parksUnderTheKeyAndDecidesOnceWhenTheWatermarkPassesTheTimer() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>("100:a", 100));
            h.processElement(new StreamRecord<>("200:x", 200));
            h.processElement(new StreamRecord<>("100:b", 101));
            assertThat(h.numEventTimeTimers()).as("one timer per key").isEqualTo(2);
            h.processWatermark(new Watermark(104)); // one before 100's timer
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(105)); // exactly on it
            assertThat(h.extractOutputValues()).containsExactly("100=[a, b]");
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).containsExactly("100=[a, b]", "200=[x]");
            assertThat(h.numKeyedStateEntries()).as("nothing left parked").isZero();
        }
    }

    @Test
    void inputIsLateExactlyWhenItsTimerHasPassed() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(new Watermark(104));
            h.processElement(new StreamRecord<>("99:on", 99)); // timer 104 = watermark: passed
            h.processElement(new StreamRecord<>("100:after", 100)); // timer 105 > 104: still open
            h.processWatermark(new Watermark(105));
            List<String> out = new ArrayList<>(h.extractOutputValues());
            assertThat(out).containsExactly("late:99:on", "100=[after]");
        }
    }

    @Test
    void parkedInputSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>("100:a", 100));
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processElement(new StreamRecord<>("100:b", 100));
            h.processWatermark(new Watermark(105));
            assertThat(h.extractOutputValues()).containsExactly("100=[a, b]");
        }
    }
}
