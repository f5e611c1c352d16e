package io.cryptorun.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/** The throttle state and the paper position are Flink POJOs (records) without any Kryo fallback, so an operator can hold them. */
class StateSerializationTest {
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl sc = new SerializerConfigImpl();
        sc.setGenericTypes(false); // pipeline.generic-types: false — fails if anything needs Kryo
        TypeSerializer<T> ser = info.createSerializer(sc);
        DataOutputSerializer out = new DataOutputSerializer(64);
        ser.serialize(value, out);
        return ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void throttleStateRoundTrips() throws Exception {
        ThrottleState s = new ThrottleState(new long[] {1, 2, 3}, new SymbolMark[] {new SymbolMark("A/USD", 2, 81.5)}, 3);
        assertThat(roundTrip(ThrottleState.class, s)).isEqualTo(s);
        assertThat(roundTrip(ThrottleState.class, ThrottleState.EMPTY)).isEqualTo(ThrottleState.EMPTY);
    }

    @Test
    void paperPositionRoundTrips() throws Exception {
        PaperPosition p = new PaperPosition("A/USD", 10, 100, 2, 105, 2.0 / 3, 1);
        assertThat(roundTrip(PaperPosition.class, p)).isEqualTo(p);
    }
}
