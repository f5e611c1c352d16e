package io.cryptorun.functions.book;

import static io.cryptorun.functions.book.BookEvents.lv;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.bars.BarFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both operators in a real job on a MiniCluster with generic types disabled (no Kryo anywhere),
 * at parallelism 1 and 2: the sorted outputs and the accumulators must be identical.
 */
@SuppressWarnings("deprecation") // disableGenericTypes(): the switch the jobs flip, deprecated but current in 1.20
class ReplayDeterminismTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** 2023-11-14T00:30:00Z. */
    static final long T = 1_699_920_000_000_000L + 1_800_000_000L;
    static final long HOUR = 3_600_000_000L;

    record Run(List<String> micro, List<String> bars, List<String> quarantine, Map<String, Object> accumulators) {}

    @Test
    void parallelismOneAndTwoAgree() throws Exception {
        List<MarketEvent> events = events();
        List<Bar> history = history();
        Run p1 = run(1, events, history);
        Run p2 = run(2, events, history);
        assertThat(p2.micro()).isEqualTo(p1.micro());
        assertThat(p2.bars()).isEqualTo(p1.bars());
        assertThat(p2.quarantine()).isEqualTo(p1.quarantine());
        assertThat(p2.accumulators()).isEqualTo(p1.accumulators());

        Map<String, Object> acc = p1.accumulators();
        assertThat((Long) acc.get("microstructure")).isEqualTo(p1.micro().size()).isGreaterThan(1000);
        assertThat(acc.get("checksum_mismatch")).isEqualTo(1L);
        assertThat(acc.get("books_invalidated")).isEqualTo(1L);
        assertThat(acc.get("book_snapshots")).isEqualTo(4L);
        // every message verified except the corrupted delta
        assertThat((Long) acc.get("checksum_ok")).isEqualTo((Long) acc.get("book_snapshots") + (Long) acc.get("book_updates") - 1);
        // per market: the previous day (three history hours) and the trading day
        assertThat(acc.get("bars_1d")).isEqualTo(6L);
        assertThat(acc.get("bars_4h")).isEqualTo(6L);
        assertThat(acc.get("bars_1h_superseded")).isEqualTo(3L);
        assertThat((Long) acc.get("trades")).isGreaterThan(100);
        assertThat(p1.quarantine()).anyMatch(q -> q.contains("checksum_mismatch"));
    }

    static Run run(int parallelism, List<MarketEvent> events, List<Bar> history) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.getConfig().disableGenericTypes();

        // one source subtask, as one fixture file or one connection is: per-market order is the source's
        // promise, and keyBy keeps it; everything after the source runs at the tested parallelism
        DataStream<MarketEvent> in = env.fromData(TypeInformation.of(MarketEvent.class), events.toArray(new MarketEvent[0]))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MarketEvent>forBoundedOutOfOrderness(Duration.ofMillis(500))
                        .withTimestampAssigner((e, ts) -> e.eventTimeMicros() / 1000))
                .setParallelism(1);
        DataStream<Bar> hist = env.fromData(TypeInformation.of(Bar.class), history.toArray(new Bar[0]))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Bar>forMonotonousTimestamps()
                        .withTimestampAssigner((b, ts) -> b.openTimeMicros() / 1000))
                .setParallelism(1);

        // no filter in between: a rebalance to parallel filters would reorder; both operators skip kinds they do not take
        SingleOutputStreamOperator<Microstructure> micro = in
                .keyBy(OrderBookFunction.KEY_SELECTOR)
                .process(new OrderBookFunction())
                .uid("order-book");
        SingleOutputStreamOperator<Bar> bars = in
                .connect(hist)
                .keyBy(BarFunction.TRADE_KEY, BarFunction.HISTORY_KEY)
                .process(new BarFunction())
                .uid("bars");
        DataStream<Quarantine> quarantine = micro.getSideOutput(OrderBookFunction.QUARANTINE)
                .union(bars.getSideOutput(BarFunction.QUARANTINE));

        CloseableIterator<Microstructure> mi = micro.collectAsync();
        CloseableIterator<Bar> bi = bars.collectAsync();
        CloseableIterator<Quarantine> qi = quarantine.collectAsync();
        JobClient job = env.executeAsync("determinism-p" + parallelism);
        List<String> m = drain(mi);
        List<String> b = drain(bi);
        List<String> q = drain(qi);
        JobExecutionResult result = job.getJobExecutionResult().get();
        Map<String, Object> acc = new TreeMap<>(result.getAllAccumulatorResults());
        acc.keySet().removeIf(k -> k.startsWith("dataStreamCollect")); // the collect sinks' own
        return new Run(m, b, q, acc);
    }

    static <T> List<String> drain(CloseableIterator<T> it) throws Exception {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(x -> out.add(x.toString()));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * Three markets, ten minutes: snapshots, random deltas with real checksums every ~0.3 s,
     * trades, one corrupted delta (ETH) followed by a fresh snapshot, all merged in time order.
     */
    static List<MarketEvent> events() {
        Random r = new Random(42);
        List<MarketEvent> all = new ArrayList<>();
        String[] symbols = {"BTC/USD", "ETH/USD", "SOL/USD"};
        for (String sym : symbols) {
            BookEvents b = new BookEvents("kraken", sym);
            int mid = 1000 + r.nextInt(500);
            all.add(b.instrument(T));
            all.add(b.subscription(T + 1, 10));
            all.add(b.snapshot(T + 100_000, side(mid, -1), side(mid, +1)));
            boolean corrupted = !sym.equals("ETH/USD");
            for (long t = T + 200_000; t < T + 600_000_000L; t += 100_000 + r.nextInt(500_000)) {
                if (!corrupted && t > T + 200_000_000L) {
                    corrupted = true;
                    all.add(b.corruptDelta(t, lv(Decimal.of(mid * 10L - 7, 1).toPlainString(), "0.5"), lv()));
                    t += 5_000_000;
                    all.add(b.snapshot(t, side(mid, -1), side(mid, +1)));
                    continue;
                }
                int off = 1 + r.nextInt(30);
                String qty = r.nextInt(4) == 0 ? "0" : Decimal.of(1 + r.nextInt(500_000_000), 8).toPlainString();
                boolean bid = r.nextBoolean();
                String px = (bid ? mid - off : mid + off) + ".0";
                all.add(bid ? b.delta(t, lv(px, qty), lv()) : b.delta(t, lv(), lv(px, qty)));
                if (r.nextInt(3) == 0) {
                    all.add(b.trade(t + 1, (mid + r.nextInt(5) - 2) + "." + r.nextInt(10), "0." + (1 + r.nextInt(9))));
                }
            }
        }
        all.sort(Comparator.comparingLong(MarketEvent::eventTimeMicros));
        return all;
    }

    private static String[][] side(int mid, int sign) {
        String[] pq = new String[20];
        for (int i = 0; i < 10; i++) {
            pq[2 * i] = (mid + sign * (1 + 2 * i)) + ".0";
            pq[2 * i + 1] = "1.5";
        }
        return lv(pq);
    }

    /** Three hours of history before the trading and the trading hour itself (which it supersedes). */
    static List<Bar> history() {
        List<Bar> out = new ArrayList<>();
        long hour0 = T - T % HOUR;
        for (String sym : new String[] {"BTC/USD", "ETH/USD", "SOL/USD"}) {
            for (int i = -3; i <= 0; i++) {
                Decimal p = Decimal.of(1200 + i, 0);
                out.add(new Bar("kraken", sym, Bar.H1, hour0 + i * HOUR, p, p, p, p, Decimal.of(10, 0), 5, p,
                        Bar.ORIGIN_HISTORY));
            }
        }
        out.sort(Comparator.comparingLong(Bar::openTimeMicros));
        return out;
    }
}
