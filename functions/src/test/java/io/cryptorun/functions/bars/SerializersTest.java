package io.cryptorun.functions.bars;

import static io.cryptorun.functions.bars.BarAggregatorTest.D;
import static io.cryptorun.functions.bars.BarAggregatorTest.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** State serializers round-trip; stream types are POJOs that need no Kryo. */
@SuppressWarnings("deprecation") // disableGenericTypes(): the switch the jobs flip, deprecated but current in 1.20
class SerializersTest {

    static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        T back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        DataOutputSerializer again = new DataOutputSerializer(64);
        s.serialize(back, again);
        assertThat(again.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return back;
    }

    @Test
    void barAggregatorRoundTrips() throws Exception {
        BarAggregator a = new BarAggregator(D);
        assertThat(roundTrip(BarAggregatorSerializer.INSTANCE, a)).isEqualTo(a);
        a.addTrade(D + 1, d("100.5"), d("0.25"));
        a.addTrade(D + 2, d("0.000000012345"), d("9000000000.12345678")); // notional spills to BigDecimal
        BarAggregator back = roundTrip(BarAggregatorSerializer.INSTANCE, a);
        assertThat(back).isEqualTo(a);
        assertThat(back.toBar("v", "s", Bar.M1, Bar.ORIGIN_TRADES)).isEqualTo(a.toBar("v", "s", Bar.M1, Bar.ORIGIN_TRADES));
        assertThat(BarAggregatorSerializer.INSTANCE.copy(a)).isEqualTo(a).isNotSameAs(a);
    }

    @Test
    void barRollupRoundTrips() throws Exception {
        BarRollup r = new BarRollup();
        assertThat(roundTrip(BarRollupSerializer.INSTANCE, r)).isEqualTo(r);
        BarAggregator h = new BarAggregator(D);
        h.addTrade(D + 1, d("10"), d("1"));
        r.addHour(h, (i, b) -> {});
        assertThat(roundTrip(BarRollupSerializer.INSTANCE, r)).isEqualTo(r);
    }

    @Test
    void streamTypesArePojosWithoutKryo() {
        ExecutionConfig cfg = new ExecutionConfig();
        cfg.disableGenericTypes();
        for (Class<?> c : new Class<?>[] {Microstructure.class, Bar.class, Quarantine.class, MarketEvent.class}) {
            TypeInformation<?> ti = TypeInformation.of(c);
            assertThat(ti).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThat(ti.createSerializer(cfg.getSerializerConfig())).isNotNull(); // throws if anything needs Kryo
        }
    }

    @Test
    void microstructureWithNullsRoundTripsAsPojo() throws Exception {
        ExecutionConfig cfg = new ExecutionConfig();
        cfg.disableGenericTypes();
        TypeSerializer<Microstructure> s = TypeInformation.of(Microstructure.class).createSerializer(cfg.getSerializerConfig());
        Microstructure m = new Microstructure("kraken", "X/USD", D, null, null, null, null, null, null, null, null, -1,
                false, "", -1);
        assertThat(roundTrip(s, m)).isEqualTo(m);
        Microstructure full = new Microstructure("kraken", "X/USD", D, d("1.0"), d("1.1"), d("1.05"), d("952.3810"),
                d("10.00"), d("11.00"), d("21.00"), d("-0.0476"), 5, true, "c1", 3);
        assertThat(roundTrip(s, full)).isEqualTo(full);
    }
}
