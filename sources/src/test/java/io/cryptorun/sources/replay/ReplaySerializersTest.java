package io.cryptorun.sources.replay;

import io.cryptorun.sources.replay.enumerator.ReplayEnumeratorState;
import io.cryptorun.sources.replay.enumerator.ReplayEnumeratorStateSerializer;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import io.cryptorun.sources.replay.split.ReplayFileSplitSerializer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySerializersTest {

    @Test
    void splitRoundTrip() throws IOException {
        var s = new ReplayFileSplit("/data/fixtures/kräken-0.jsonl.gz", 123_456_789_012L);
        var ser = ReplayFileSplitSerializer.INSTANCE;
        var back = ser.deserialize(ser.getVersion(), ser.serialize(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.splitId()).isEqualTo("/data/fixtures/kräken-0.jsonl.gz");
    }

    @Test
    void splitUnknownVersionIsRefused() throws IOException {
        var ser = ReplayFileSplitSerializer.INSTANCE;
        byte[] bytes = ser.serialize(new ReplayFileSplit("/a", 1));
        assertThatThrownBy(() -> ser.deserialize(99, bytes)).isInstanceOf(IOException.class).hasMessageContaining("version 99");
    }

    @Test
    void splitTrailingBytesAreRefused() throws IOException {
        var ser = ReplayFileSplitSerializer.INSTANCE;
        byte[] ok = ser.serialize(new ReplayFileSplit("/a", 1));
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> ser.deserialize(1, longer)).isInstanceOf(IOException.class);
    }

    @Test
    void enumeratorStateRoundTrip() throws IOException {
        var state = new ReplayEnumeratorState(List.of(new ReplayFileSplit("/a/1.jsonl", 0), new ReplayFileSplit("/a/2.jsonl", 7)));
        var ser = ReplayEnumeratorStateSerializer.INSTANCE;
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(state))).isEqualTo(state);
        var empty = new ReplayEnumeratorState(List.of());
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(empty))).isEqualTo(empty);
    }

    @Test
    void enumeratorStateUnknownVersionIsRefused() throws IOException {
        var ser = ReplayEnumeratorStateSerializer.INSTANCE;
        byte[] bytes = ser.serialize(new ReplayEnumeratorState(List.of()));
        assertThatThrownBy(() -> ser.deserialize(2, bytes)).isInstanceOf(IOException.class);
    }
}
