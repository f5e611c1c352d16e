package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.Bar;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The market model's ground truth: regime switching, pre-move setups, and that history shows both. */
class MarketModelTest {
    static final long START = SimConfig.parseStart(SimConfig.DEFAULT_START);

    @Test
    void everySixHourRunHasARegimeSwitchAndAPreMoveSetup() {
        for (long seed = 1; seed <= 40; seed++) {
            GroundTruth t = new MarketSimulator(new SimConfig(seed, 24, 6, 1, START)).truth();
            long switches = t.regimes().stream().filter(r -> r.startMicros() > START && r.startMicros() < START + 6 * Times.HOUR).count();
            assertThat(switches).as("seed %d", seed).isPositive();
            assertThat(t.setups()).as("seed %d", seed)
                    .anyMatch(s -> s.moveStartMicros() >= START && s.moveStartMicros() < START + 6 * Times.HOUR);
        }
    }

    @Test
    void anySixHourWindowOfALongRunHasASwitchAndHistoryHasSeveral() {
        SimConfig cfg = new SimConfig(42, 8, 48, 14, START);
        GroundTruth t = new MarketSimulator(cfg).truth();
        List<Long> boundaries = t.regimes().stream().map(RegimeSegment::startMicros).filter(s -> s > cfg.historyStartMicros()).toList();
        for (long w = START; w + 6 * Times.HOUR <= cfg.endMicros(); w += 10 * Times.MINUTE) {
            long from = w;
            assertThat(boundaries).as("window at %s", Times.micros(w)).anyMatch(b -> b > from && b <= from + 6 * Times.HOUR);
        }
        long inHistory = boundaries.stream().filter(b -> b < START).count();
        assertThat(inHistory).isGreaterThanOrEqualTo(8);
        assertThat(t.regimes()).extracting(RegimeSegment::regime).contains(Regime.values());
    }

    @Test
    void featuredSetupsBeforeTheFramesAlwaysAndInTheFramesOnlyWithoutANaturalMove() {
        for (long seed = 1; seed <= 40; seed++) {
            GroundTruth t = new MarketSimulator(new SimConfig(seed, 24, 6, 1, START)).truth();
            long natural = t.setups().stream().filter(s -> !s.featured()
                    && s.moveStartMicros() >= START && s.moveStartMicros() < START + 6 * Times.HOUR).count();
            long inFrames = t.setups().stream().filter(s -> s.featured() && s.direction() > 0 && s.moveStartMicros() >= START).count();
            List<PreMoveSetup> dumps = t.setups().stream().filter(s -> s.featured() && s.direction() < 0).toList();
            List<PreMoveSetup> before = t.setups().stream().filter(s -> s.featured() && s.moveStartMicros() < START).toList();
            assertThat(inFrames).as("seed %d", seed).isEqualTo(natural == 0 ? 1 : 0);
            // the breakout (6 h before) and the exhausted pump (7 h before), on two liquid non-majors
            assertThat(before).as("seed %d", seed).extracting(PreMoveSetup::moveStartMicros)
                    .containsExactlyInAnyOrder(START - 7 * Times.HOUR, START - 6 * Times.HOUR);
            assertThat(before.get(0).symbol()).isNotEqualTo(before.get(1).symbol());
            // each gives way late in the frames
            assertThat(dumps).as("seed %d", seed).extracting(PreMoveSetup::symbol)
                    .containsExactlyInAnyOrderElementsOf(before.stream().map(PreMoveSetup::symbol).toList());
        }
    }

    @Test
    void marketIsPinnedAtTheStartWhateverTheHistoryLength() {
        List<Bar> longer = new MarketSimulator(new SimConfig(42, 12, 6, 14, START)).historyBars();
        List<Bar> shorter = new MarketSimulator(new SimConfig(42, 12, 2, 3, START)).historyBars();
        List<Bar> tail = longer.subList(longer.size() - shorter.size(), longer.size());
        assertThat(tail).isEqualTo(shorter);
        // and a wider universe does not change BTC's history
        List<Bar> wide = new MarketSimulator(new SimConfig(42, 30, 6, 3, START)).historyBars();
        assertThat(wide.stream().filter(b -> b.symbol().equals("BTC/USD")).toList())
                .isEqualTo(shorter.stream().filter(b -> b.symbol().equals("BTC/USD")).toList());
    }

    @Test
    void regimesAreVisibleInHistory() {
        MarketModel m = new MarketModel(new SimConfig(42, 24, 6, 14, START));
        List<Bar> bars = HistoryBuilder.build(m);
        Map<String, List<Bar>> bySymbol = bySymbol(bars);
        // hourly log returns of every symbol, grouped by the regime of the hour
        Map<Regime, double[]> acc = new EnumMap<>(Regime.class);
        for (List<Bar> series : bySymbol.values()) {
            for (int i = 1; i < series.size(); i++) {
                double r = Math.log(series.get(i).close().toDouble() / series.get(i - 1).close().toDouble());
                Regime reg = m.regimeAt[i * 60 + 30];
                double[] a = acc.computeIfAbsent(reg, k -> new double[3]);
                a[0] += r;
                a[1] += r * r;
                a[2]++;
            }
        }
        double bullMean = acc.get(Regime.TRENDING_BULL)[0] / acc.get(Regime.TRENDING_BULL)[2];
        double highVolMean = acc.get(Regime.HIGH_VOL)[0] / acc.get(Regime.HIGH_VOL)[2];
        double bullVol = Math.sqrt(acc.get(Regime.TRENDING_BULL)[1] / acc.get(Regime.TRENDING_BULL)[2]);
        double chopVol = Math.sqrt(acc.get(Regime.CHOPPY)[1] / acc.get(Regime.CHOPPY)[2]);
        double highVol = Math.sqrt(acc.get(Regime.HIGH_VOL)[1] / acc.get(Regime.HIGH_VOL)[2]);
        assertThat(bullMean).isPositive().isGreaterThan(highVolMean);
        assertThat(highVol).isGreaterThan(1.5 * Math.max(bullVol, chopVol));
        // broad participation: in bull hours most symbols rise
        long risers = bySymbol.values().stream().filter(series -> {
            double sum = 0;
            for (int i = 1; i < series.size(); i++) {
                if (m.regimeAt[i * 60 + 30] == Regime.TRENDING_BULL) {
                    sum += Math.log(series.get(i).close().toDouble() / series.get(i - 1).close().toDouble());
                }
            }
            return sum > 0;
        }).count();
        assertThat(risers).isGreaterThanOrEqualTo(16);
    }

    @Test
    void setupsLiftVadrTowardsTheGate() {
        MarketModel m = new MarketModel(new SimConfig(42, 24, 6, 14, START));
        Map<String, List<Bar>> bySymbol = bySymbol(HistoryBuilder.build(m));
        List<Double> atSetups = new ArrayList<>();
        for (PreMoveSetup s : m.setups) {
            List<Bar> series = bySymbol.get(s.symbol());
            // the last completed bar before the move, and the one after its first hour
            int idx = (int) ((s.moveStartMicros() - m.spanStart) / Times.HOUR);
            for (int end = idx; end <= idx + 1; end++) {
                if (end >= 96 && end <= series.size()) atSetups.add(vadr(series, end));
            }
        }
        List<Double> background = new ArrayList<>();
        for (List<Bar> series : bySymbol.values()) {
            for (int end = 96; end <= series.size(); end += 6) background.add(vadr(series, end));
        }
        assertThat(atSetups).hasSizeGreaterThan(20);
        assertThat(median(atSetups)).isGreaterThan(median(background) * 1.3);
        assertThat(atSetups).as("some setups reach the $1–5M tier minimum of 1.80").anyMatch(v -> v >= 1.80);
        assertThat(fractionAtLeast(background, 1.80)).as("background rarely does").isLessThan(0.02);
    }

    static Map<String, List<Bar>> bySymbol(List<Bar> bars) {
        Map<String, List<Bar>> out = new TreeMap<>();
        for (Bar b : bars) out.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(b);
        return out;
    }

    /** SPEC §5: vwr(n) = Σ((high−low)/close × volume)/Σ volume over the last n bars; VADR = vwr(24)/vwr(96). */
    static double vadr(List<Bar> bars, int endExclusive) {
        return vwr(bars, endExclusive, 24) / vwr(bars, endExclusive, 96);
    }

    private static double vwr(List<Bar> bars, int endExclusive, int n) {
        double num = 0;
        double den = 0;
        for (int i = endExclusive - n; i < endExclusive; i++) {
            Bar b = bars.get(i);
            double v = b.volume().toDouble();
            num += (b.high().toDouble() - b.low().toDouble()) / b.close().toDouble() * v;
            den += v;
        }
        return num / den;
    }

    private static double median(List<Double> v) {
        List<Double> c = new ArrayList<>(v);
        c.sort(null);
        return c.get(c.size() / 2);
    }

    private static double fractionAtLeast(List<Double> v, double x) {
        return v.stream().filter(d -> d >= x).count() / (double) v.size();
    }
}
