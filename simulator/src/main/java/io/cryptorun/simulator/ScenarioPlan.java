package io.cryptorun.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation scenario ({@code cryptorun simulate --scenario}, issue 14): what the plain market
 * model lacks for a run that exercises every regime, exit rule, throttle limit and the social input.
 * Pure and deterministic (streams keyed by seed, {@link #KEY}, symbol, wave); used by {@link MarketModel}
 * only when {@link SimConfig#scenario()} is set, so the plain market stays byte-identical.
 *
 * <ul>
 *   <li><b>Regimes</b>: in the frame period, after the segment holding the start (which ends on the first
 *       4h boundary ≥ start + 4 h), segments cycle TRENDING_BULL (36–44 h) → CHOPPY (24–32 h) → HIGH_VOL
 *       (20–28 h) → CHOPPY …, each a whole number of 4h bars, so the SPEC §6 vote (two consecutive
 *       4-hourly votes) can confirm them.</li>
 *   <li><b>Waves</b> of planted setups every {@link #WAVE_EVERY_HOURS} h from hour {@link #FIRST_WAVE_HOUR}:
 *       4 symbols (7 in HIGH_VOL) whose moves start 6–9 min apart, so several alerts fall in one hour
 *       (3/h, and 6/h in HIGH_VOL, limits). Only symbols whose liquidity verdict is {@code pass}, each at most
 *       once per {@link #SPACING_HOURS} h (VADR compares 24 h with 96 h: setups closer together cancel out).
 *       Build-up 16–20 h of wide ranges on near-normal volume (VADR ≈ 2), accumulation 1–2 h, move 9–14 %
 *       over 45–90 min, 70 % up (all up in HIGH_VOL waves).</li>
 *   <li><b>Tails</b> after up moves, in planting order: every 4th+1 gets a <i>spread fault</i> (the book's
 *       spread ≥ 180 bps for 20 min, 90 min after the move: venue health), every 4th+2 a <i>grind</i> (50 h of
 *       low-volatility drift up by 3 %, no give-back: the 48 h time limit) when it ends before the flush.</li>
 *   <li><b>Flush</b>: at 84 % of the frame period every symbol falls 10 % over 45 min (beta-free, so the
 *       cross-section and hence the momentum sub-score barely move): positions held ≥ 12 h meet the
 *       trailing stop, younger ones the hard stop.</li>
 *   <li><b>Social</b>: a reading per symbol every 15 min, noise in [−3, 5], and 12–28 (above the +10 cap)
 *       from 2 h before a planted setup's accumulation to its move's end.</li>
 * </ul>
 */
final class ScenarioPlan {
    static final long KEY = 0x5343_454EL;
    static final int FIRST_WAVE_HOUR = 14;
    static final int WAVE_EVERY_HOURS = 10;
    static final int SPACING_HOURS = 60;
    static final long SOCIAL_EVERY = 15 * Times.MINUTE;
    static final long FLUSH_MINUTES = 45;
    static final int FLUSH_BPS = 1000;
    static final long FAULT_MINUTES = 20;
    static final double FAULT_SPREAD_BPS = 180;
    static final long GRIND_MINUTES = 50 * 60;
    static final int GRIND_BPS = 300;

    enum Tail { NONE, SPREAD_FAULT, GRIND }

    record Planted(PreMoveSetup setup, Tail tail) {}

    final List<Planted> planted;
    final long flushStart;

    private ScenarioPlan(List<Planted> planted, long flushStart) {
        this.planted = planted;
        this.flushStart = flushStart;
    }

    long flushEnd() {
        return flushStart + FLUSH_MINUTES * Times.MINUTE;
    }

    /** Frame-period regime segments after the one holding the start, which ends at {@code e0}. */
    static List<RegimeSegment> regimesAfter(long seed, long start, long end, Regime r0, long e0) {
        Regime[] cycle = {Regime.TRENDING_BULL, Regime.CHOPPY, Regime.HIGH_VOL, Regime.CHOPPY};
        Rng r = Rng.of(seed, KEY, Rng.REGIME, start);
        List<RegimeSegment> out = new ArrayList<>();
        Regime prev = r0;
        int i = 0;
        for (long t = e0; t < end; i++) {
            Regime next = cycle[i % cycle.length];
            if (next == prev) continue;
            long bars = switch (next) {
                case TRENDING_BULL -> r.uniformLong(9, 11);
                case CHOPPY -> r.uniformLong(6, 8);
                case HIGH_VOL -> r.uniformLong(5, 7);
            };
            out.add(new RegimeSegment(next, t, t + bars * 4 * Times.HOUR));
            t += bars * 4 * Times.HOUR;
            prev = next;
        }
        return out;
    }

    /** End of the segment holding the start: the first 4h boundary at or after start + 4 h. */
    static long firstSwitch(long start) {
        long four = 4 * Times.HOUR;
        return Math.floorDiv(start + four + four - 1, four) * four;
    }

    static ScenarioPlan build(SimConfig cfg, List<InstrumentSpec> specs, List<RegimeSegment> regimes) {
        long start = cfg.startMicros();
        long end = cfg.endMicros();
        long flushStart = start + Math.round(cfg.hours() * 0.84) * Times.HOUR + 30 * Times.MINUTE;
        List<InstrumentSpec> liquid = new ArrayList<>();
        for (InstrumentSpec s : specs) {
            if ("pass".equals(GroundTruth.liquidity(s))) liquid.add(s);
        }
        // a seeded order, then round-robin over it
        Rng order = Rng.of(cfg.seed(), KEY, start, 1);
        for (int i = liquid.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            InstrumentSpec t = liquid.get(i);
            liquid.set(i, liquid.get(j));
            liquid.set(j, t);
        }
        Map<String, Long> lastMove = new HashMap<>();
        List<Planted> out = new ArrayList<>();
        int cursor = 0;
        int ups = 0;
        for (long h = FIRST_WAVE_HOUR; h < cfg.hours() - 3; h += WAVE_EVERY_HOURS) {
            long wave = start + h * Times.HOUR;
            boolean highVol = regimeAt(regimes, wave) == Regime.HIGH_VOL;
            int k = highVol ? 7 : 4;
            Rng wr = Rng.of(cfg.seed(), KEY, wave);
            long offset = wr.uniformLong(0, 20) * Times.MINUTE;
            int placed = 0;
            for (int tried = 0; tried < liquid.size() && placed < k; tried++) {
                InstrumentSpec spec = liquid.get(cursor % liquid.size());
                cursor++;
                Long last = lastMove.get(spec.symbol());
                if (last != null && wave - last < SPACING_HOURS * Times.HOUR) continue;
                Rng sr = Rng.of(cfg.seed(), KEY, wave, Rng.hash(spec.symbol()));
                long moveStart = wave + offset + placed * sr.uniformLong(6, 9) * Times.MINUTE;
                int direction = highVol || sr.chance(0.7) ? 1 : -1;
                Tail tail = Tail.NONE;
                long accMinutes = sr.uniformLong(60, 120);
                long buildUp = sr.uniformLong(960, 1200);
                long moveMinutes = sr.uniformLong(45, 90);
                int moveBps = (int) sr.uniformLong(900, 1400);
                int retraceBps = (int) Math.round(moveBps * sr.uniform(0.15, 0.45));
                long accStart = moveStart - accMinutes * Times.MINUTE;
                long moveEnd = moveStart + moveMinutes * Times.MINUTE;
                if (direction > 0) {
                    if (ups % 4 == 1) {
                        tail = Tail.SPREAD_FAULT;
                    } else if (ups % 4 == 2 && moveEnd + 2 * Times.HOUR + GRIND_MINUTES * Times.MINUTE < flushStart) {
                        tail = Tail.GRIND;
                        retraceBps = 0;
                    }
                    ups++;
                }
                PreMoveSetup s = new PreMoveSetup(spec.symbol(), direction, accStart - buildUp * Times.MINUTE, accStart,
                        moveStart, moveEnd, moveEnd + 2 * Times.HOUR, moveBps, retraceBps, sr.uniform(3.4, 3.8),
                        sr.uniform(1.0, 1.15), sr.uniform(3.5, 4.5), sr.uniform(2.0, 2.5), false);
                out.add(new Planted(s, tail));
                lastMove.put(spec.symbol(), moveStart);
                placed++;
            }
        }
        out.sort(Comparator.comparingLong((Planted p) -> p.setup().moveStartMicros()).thenComparing(p -> p.setup().symbol()));
        return new ScenarioPlan(List.copyOf(out), flushStart);
    }

    static Regime regimeAt(List<RegimeSegment> regimes, long t) {
        for (RegimeSegment s : regimes) {
            if (s.contains(t)) return s.regime();
        }
        return null;
    }

    /** True when a natural setup would disturb the planted ones: in scenario mode none overlaps the frames' last 4 days. */
    static boolean keepsNatural(PreMoveSetup natural, long start) {
        return natural.cooldownEndMicros() <= start - 96 * Times.HOUR;
    }

    /**
     * Tails, the flush and faults for one symbol's minute series (after its setups were applied):
     * {@code range}, {@code volume}, {@code drift} (log return per minute), {@code spread} multipliers.
     */
    void apply(MarketModel m, InstrumentSpec spec, double[] range, double[] volume, double[] drift, double[] spread) {
        for (Planted p : planted) {
            PreMoveSetup s = p.setup();
            if (!s.symbol().equals(spec.symbol())) continue;
            if (p.tail() == Tail.SPREAD_FAULT) {
                int a = m.minuteIndex(s.moveEndMicros() + 90 * Times.MINUTE);
                double mult = FAULT_SPREAD_BPS / spec.spreadBps();
                for (int k = Math.max(0, a); k < Math.min(m.minutes, a + FAULT_MINUTES); k++) {
                    spread[k] *= mult;
                }
            } else if (p.tail() == Tail.GRIND) {
                int a = m.minuteIndex(s.cooldownEndMicros());
                for (int k = Math.max(0, a); k < Math.min(m.minutes, a + GRIND_MINUTES); k++) {
                    range[k] = 0.35;
                    volume[k] = 0.8;
                    drift[k] += GRIND_BPS / 10_000.0 / GRIND_MINUTES;
                }
            }
        }
        int f = m.minuteIndex(flushStart);
        for (int k = Math.max(0, f); k < Math.min(m.minutes, f + FLUSH_MINUTES); k++) {
            drift[k] -= FLUSH_BPS / 10_000.0 / FLUSH_MINUTES;
            volume[k] *= 3;
        }
    }

    /**
     * The social readings ({@code social.jsonl} lines, sorted by time then symbol): per symbol every 15
     * min of the frame period a value in tenths, noise in [−3, 5] or 12–28 around a planted setup.
     */
    List<String> socialLines(SimConfig cfg, List<InstrumentSpec> specs) {
        List<String> out = new ArrayList<>();
        List<InstrumentSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(InstrumentSpec::symbol));
        for (long t = cfg.startMicros(); t < cfg.endMicros(); t += SOCIAL_EVERY) {
            for (InstrumentSpec spec : sorted) {
                Rng r = Rng.of(cfg.seed(), KEY, Rng.hash(spec.symbol()), t);
                boolean buzz = false;
                for (Planted p : planted) {
                    PreMoveSetup s = p.setup();
                    if (s.symbol().equals(spec.symbol()) && t >= s.accumulationStartMicros() - 2 * Times.HOUR
                            && t < s.moveEndMicros()) {
                        buzz = true;
                        break;
                    }
                }
                long tenths = buzz ? r.uniformLong(120, 280) : r.uniformLong(-30, 50);
                String value = (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
                out.add("{\"ts\":" + t + ",\"symbol\":\"" + spec.symbol() + "\",\"social\":" + value + "}");
            }
        }
        return out;
    }
}
