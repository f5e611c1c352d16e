package io.cryptorun.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The market at one-minute resolution over history and frame period together: a regime timeline,
 * pre-move setups, and per symbol the mid-price path, volatility, traded volume, trade count and
 * liquidity multipliers of every minute. History bars are aggregated from it and the frame feed
 * interpolates inside its minutes, so both tell the same story.
 *
 * <p>Anchoring: the regime timeline and the price paths are pinned at the first frame instant (each
 * symbol's mid there is its {@link InstrumentSpec#anchorPrice()}) and built outwards — forwards for
 * the frames, backwards for the history — from random streams keyed by absolute hour. So the same
 * seed and start give the same market whatever the history length or run length; only the two
 * featured setups (a breakout in the frame period and an exhausted pump just before it) depend on the run length.
 */
final class MarketModel {
    static final int MINUTES_PER_YEAR = 525_600;
    /** MA(1) coefficient of CHOPPY minute shocks: reversals make hourly ranges small relative to minute noise. */
    static final double CHOP_THETA = 0.3;
    /** Probability per minute of a market-wide jump in HIGH_VOL. */
    static final double JUMP_PROB = 0.004;

    final SimConfig cfg;
    final List<InstrumentSpec> specs;
    final long spanStart;
    final long start;
    final long end;
    /** Minutes in the span; minute k covers {@code [spanStart + k min, spanStart + (k+1) min)}. */
    final int minutes;
    /** Index of the first frame minute. */
    final int startMinute;
    final List<RegimeSegment> regimes;
    /** Ordinal of each regime segment: 0 for the one containing the start, negative before, positive after. */
    final int[] regimeOrdinals;
    /** Start of each regime segment before clipping to the span, so that its oscillation phase does not depend on the span. */
    final long[] regimeOrigins;
    final List<PreMoveSetup> setups;
    /** The evaluation scenario's additions ({@code --scenario}), or null for the plain market. */
    final ScenarioPlan scenario;
    /** Book update rate multiplier of the scenario: its multi-day frames stay small and quick to replay. */
    static final double SCENARIO_BOOK_RATE = 0.3;
    final Regime[] regimeAt;
    final int[] segmentAt;
    final SymbolPath[] paths;
    /** Length of the one feed stall of connection 0: above the late-fill gate's 30 s. */
    static final long STALL_MICROS = 45 * Times.SECOND;
    /**
     * The stall of connection 0, a quarter into the frame period, starting 5 s before a minute
     * boundary: frames sent in {@code [stallStart, stallEnd)} are received just after {@code stallEnd}.
     */
    final long stallStart;
    final long stallEnd;

    /** Per-minute series of one symbol. */
    static final class SymbolPath {
        final InstrumentSpec spec;
        /** ln(mid USD) at minute boundaries: {@code logMid[k]} is the open of minute k, {@code logMid[k+1]} its close. */
        final double[] logMid;
        /** Standard deviation of the minute's log return (before drift). */
        final double[] sigma;
        /** Traded base quantity in the minute, unscaled at the qty precision. */
        final long[] volume;
        /** Taker orders in the minute. */
        final int[] trades;
        /** Multiplier on the base spread. */
        final float[] spreadMult;
        /** Multiplier on the base depth. */
        final float[] depthMult;
        /** Multiplier on the base rate of book updates. */
        final float[] activity;

        SymbolPath(InstrumentSpec spec, int minutes) {
            this.spec = spec;
            logMid = new double[minutes + 1];
            sigma = new double[minutes];
            volume = new long[minutes];
            trades = new int[minutes];
            spreadMult = new float[minutes];
            depthMult = new float[minutes];
            activity = new float[minutes];
        }

        double midUsd(int boundary) {
            return StrictMath.exp(logMid[boundary]);
        }
    }

    MarketModel(SimConfig cfg) {
        this.cfg = cfg;
        this.specs = Universe.first(cfg.symbols());
        this.start = cfg.startMicros();
        this.end = cfg.endMicros();
        this.stallStart = start + Math.max(1, cfg.hours() * 15L) * Times.MINUTE - 5 * Times.SECOND;
        this.stallEnd = stallStart + STALL_MICROS;
        this.spanStart = cfg.historyStartMicros();
        this.minutes = (int) ((end - spanStart) / Times.MINUTE);
        this.startMinute = (int) ((start - spanStart) / Times.MINUTE);

        List<Numbered> segs = buildRegimes();
        this.regimes = segs.stream().map(Numbered::segment).toList();
        this.regimeOrdinals = segs.stream().mapToInt(Numbered::ordinal).toArray();
        this.regimeOrigins = segs.stream().mapToLong(Numbered::origin).toArray();
        this.regimeAt = new Regime[minutes];
        this.segmentAt = new int[minutes];
        for (int s = 0; s < regimes.size(); s++) {
            RegimeSegment seg = regimes.get(s);
            int from = Math.max(0, minuteIndex(seg.startMicros()));
            int to = Math.min(minutes, minuteIndex(seg.endMicros()));
            for (int k = from; k < to; k++) {
                regimeAt[k] = seg.regime();
                segmentAt[k] = s;
            }
        }
        this.scenario = cfg.scenario() ? ScenarioPlan.build(cfg, specs, regimes) : null;
        this.setups = buildSetups();
        this.paths = new SymbolPath[specs.size()];
        double[][] market = marketShocks();
        for (int i = 0; i < specs.size(); i++) {
            paths[i] = buildPath(specs.get(i), market);
        }
    }

    int minuteIndex(long micros) {
        return (int) Math.floorDiv(micros - spanStart, Times.MINUTE);
    }

    long minuteStart(int k) {
        return spanStart + k * Times.MINUTE;
    }

    // ---- regimes ------------------------------------------------------------------------------

    /** A regime segment with its ordinal (which keys its random streams) and its start before clipping to the span. */
    private record Numbered(RegimeSegment segment, int ordinal, long origin) {
        Numbered(RegimeSegment segment, int ordinal) {
            this(segment, ordinal, segment.startMicros());
        }
    }

    /** Segments sorted by time, each with its ordinal; clipped to the span. */
    private List<Numbered> buildRegimes() {
        long seed = cfg.seed();
        Rng anchor = Rng.of(seed, Rng.REGIME, start, 0);
        Regime r0 = pick(anchor, new Regime[] {Regime.TRENDING_BULL, Regime.CHOPPY, Regime.HIGH_VOL}, new double[] {0.4, 0.4, 0.2});
        long s0 = start - anchor.uniformLong(180, 1200) * Times.MINUTE;
        // the segment holding the start ends within 4 h, and every later one lasts at most 5 h, so any
        // 6 h window of the frame period contains a switch
        long e0 = start + anchor.uniformLong(60, 240) * Times.MINUTE;
        if (cfg.scenario()) {
            e0 = ScenarioPlan.firstSwitch(start); // scenario: long 4h-aligned regimes the vote can confirm
        }
        List<Numbered> out = new ArrayList<>();
        out.add(new Numbered(new RegimeSegment(r0, s0, e0), 0));
        Rng fwd = Rng.of(seed, Rng.REGIME, start, 1);
        Regime prev = r0;
        long t = e0;
        if (cfg.scenario()) {
            int ord = 1;
            for (RegimeSegment seg : ScenarioPlan.regimesAfter(seed, start, end, r0, e0)) {
                out.add(new Numbered(seg, ord++));
            }
            t = end;
        }
        for (int ord = 1; t < end; ord++) {
            Regime r = next(fwd, prev);
            long dur = r == Regime.HIGH_VOL ? fwd.uniformLong(90, 210) : fwd.uniformLong(150, 300);
            out.add(new Numbered(new RegimeSegment(r, t, t + dur * Times.MINUTE), ord));
            t += dur * Times.MINUTE;
            prev = r;
        }
        // history regimes last long enough (8–36 h) for a 4-hourly regime vote to see them
        Rng back = Rng.of(seed, Rng.REGIME, start, -1);
        Regime after = r0;
        t = s0;
        for (int ord = -1; t > spanStart; ord--) {
            Regime r = next(back, after);
            long dur = switch (r) {
                case TRENDING_BULL -> back.uniformLong(600, 2160);
                case CHOPPY -> back.uniformLong(480, 1800);
                case HIGH_VOL -> back.uniformLong(240, 840);
            };
            out.add(new Numbered(new RegimeSegment(r, t - dur * Times.MINUTE, t), ord));
            t -= dur * Times.MINUTE;
            after = r;
        }
        out.sort(Comparator.comparingLong(n -> n.segment().startMicros()));
        List<Numbered> clipped = new ArrayList<>();
        for (Numbered n : out) {
            RegimeSegment s = n.segment();
            long a = Math.max(s.startMicros(), spanStart);
            long b = Math.min(s.endMicros(), end);
            if (a < b) {
                clipped.add(new Numbered(new RegimeSegment(s.regime(), a, b), n.ordinal(), s.startMicros()));
            }
        }
        return clipped;
    }

    private static Regime next(Rng r, Regime from) {
        return switch (from) {
            case TRENDING_BULL -> r.chance(0.65) ? Regime.CHOPPY : Regime.HIGH_VOL;
            case CHOPPY -> r.chance(0.6) ? Regime.TRENDING_BULL : Regime.HIGH_VOL;
            case HIGH_VOL -> r.chance(0.6) ? Regime.CHOPPY : Regime.TRENDING_BULL;
        };
    }

    private static <T> T pick(Rng r, T[] values, double[] weights) {
        double u = r.uniform();
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights[i];
            if (u < acc) return values[i];
        }
        return values[values.length - 1];
    }

    // ---- setups -------------------------------------------------------------------------------

    private List<PreMoveSetup> buildSetups() {
        if (scenario != null) {
            // the scenario's planted waves replace natural setups near the frames and the featured ones
            List<PreMoveSetup> all = new ArrayList<>();
            for (PreMoveSetup s : naturalSetups()) {
                if (ScenarioPlan.keepsNatural(s, start)) all.add(s);
            }
            for (ScenarioPlan.Planted p : scenario.planted) {
                if (p.setup().overlaps(spanStart, end)) all.add(p.setup());
            }
            all.sort(Comparator.comparingLong(PreMoveSetup::moveStartMicros).thenComparing(PreMoveSetup::symbol));
            return List.copyOf(all);
        }
        List<PreMoveSetup> all = naturalSetups();
        return featuredAdded(all);
    }

    private List<PreMoveSetup> naturalSetups() {
        List<PreMoveSetup> all = new ArrayList<>();
        long firstDay = Math.floorDiv(spanStart, Times.DAY) - 1;
        long lastDay = Math.floorDiv(end, Times.DAY);
        for (InstrumentSpec spec : specs) {
            double perDay = setupsPerDay(spec);
            long symKey = Rng.hash(spec.symbol());
            PreMoveSetup prev = null;
            for (long day = firstDay; day <= lastDay; day++) {
                Rng r = Rng.of(cfg.seed(), Rng.SETUP, symKey, day);
                boolean happens = r.chance(perDay);
                long moveStart = day * Times.DAY + r.uniformLong(0, 1439) * Times.MINUTE;
                PreMoveSetup s = setup(spec, r, moveStart, r.chance(0.85) ? 1 : -1, false);
                if (!happens || (prev != null && s.buildUpStartMicros() < prev.cooldownEndMicros() + 2 * Times.HOUR)) {
                    continue;
                }
                prev = s;
                if (s.overlaps(spanStart, end)) {
                    all.add(s);
                }
            }
        }
        return all;
    }

    private List<PreMoveSetup> featuredAdded(List<PreMoveSetup> all) {
        // Two featured setups on liquid non-majors make every run exercise the scanner: a
        // breakout in the frames whose quiet-volume build-up lifts VADR past the tier minimum
        // (the alert case), and an exhausted pump that ended the evening before the frames
        // (r24h > 12 %, RSI(4h) > 70, decelerating: the fatigue case).
        PreMoveSetup breakout = featured(all, false);
        if (breakout != null) all.add(breakout);
        PreMoveSetup exhausted = featured(all, true);
        if (exhausted != null) all.add(exhausted);
        // ... and late in the frames both give way (a dump), so a paper position opened on either
        // meets its stop: every run has exits to report
        for (PreMoveSetup f : new PreMoveSetup[] {breakout, exhausted}) {
            if (f == null) continue;
            PreMoveSetup d = dump(f.symbol(), start + Math.round(cfg.hours() * 60L * 0.78) * Times.MINUTE);
            if (d.moveStartMicros() < end) all.add(d);
        }
        boolean moveInFrames = all.stream().anyMatch(s -> !(s.featured() && s.direction() < 0) // the dumps do not count
                && s.moveStartMicros() >= start && s.moveStartMicros() < end);
        if (!moveInFrames) {
            PreMoveSetup f = featuredInFrames(all);
            if (f != null) all.add(f);
        }
        all.sort(Comparator.comparingLong(PreMoveSetup::moveStartMicros).thenComparing(PreMoveSetup::symbol));
        return List.copyOf(all);
    }

    static double setupsPerDay(InstrumentSpec spec) {
        return switch (spec.tier()) {
            case MAJOR -> 0.06;
            case MID -> 0.14;
            case SMALL -> 0.22;
        };
    }

    static int maxMoveBps(InstrumentSpec spec) {
        return switch (spec.tier()) {
            case MAJOR -> 800;
            case MID -> 1100;
            case SMALL -> 1400;
        };
    }

    /**
     * Daily log drift that cancels what setups add on average (85 % up, 30 % retraced), so that
     * small caps pump and bleed instead of compounding upwards over the history.
     */
    static double bleedPerDay(InstrumentSpec spec) {
        double meanMove = (400 + maxMoveBps(spec)) / 2.0 / 10_000;
        return -setupsPerDay(spec) * (0.85 - 0.15) * 0.70 * meanMove;
    }

    /**
     * A featured setup on the first liquid (truth verdict {@code pass}) non-major symbol, in seeded
     * order, free of other setups around it. Both moves happen the evening before the frames, inside
     * the 4h bar two bars before the first frame-period 4h close, so the 4h indicators (RSI, MA20,
     * ADX) have seen them when the frames start: the breakout's move starts 6 h before the frames,
     * the exhausted one's 7 h before.
     */
    private PreMoveSetup featured(List<PreMoveSetup> natural, boolean exhausted) {
        Rng r = Rng.of(cfg.seed(), Rng.FEATURED, start, exhausted ? 2 : 1); // not keyed by run length: the history must not depend on it
        int n = specs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long moveStart = start - (exhausted ? 7 : 6) * Times.HOUR;
        for (int idx : order) {
            InstrumentSpec spec = specs.get(idx);
            if (spec.tier() == InstrumentSpec.Tier.MAJOR || !"pass".equals(GroundTruth.liquidity(spec))) continue;
            Rng sr = Rng.of(cfg.seed(), Rng.FEATURED, start, Rng.hash(spec.symbol()), exhausted ? 2 : 1);
            PreMoveSetup s = exhausted ? exhaustedSetup(spec, sr, moveStart) : breakoutSetup(spec, sr, moveStart);
            // only setups before the frames decide: the choice must not depend on the run length
            boolean free = natural.stream().noneMatch(o -> o.symbol().equals(spec.symbol())
                    && o.overlaps(s.buildUpStartMicros() - 2 * Times.HOUR, s.cooldownEndMicros() + 2 * Times.HOUR));
            if (free) return s;
        }
        return null;
    }

    /** A setup whose move starts inside the frame period, on the first symbol (in seeded order) free for it. */
    private PreMoveSetup featuredInFrames(List<PreMoveSetup> natural) {
        Rng r = Rng.of(cfg.seed(), Rng.FEATURED, start, cfg.hours());
        int n = specs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long frameMinutes = cfg.hours() * 60L;
        long moveStart = start + Math.max(20, Math.round(frameMinutes * r.uniform(0.35, 0.6))) * Times.MINUTE;
        // majors last: a small or mid cap breaking out is the scanner's typical catch
        for (int pass = 0; pass < 2; pass++) {
            for (int idx : order) {
                InstrumentSpec spec = specs.get(idx);
                if ((spec.tier() == InstrumentSpec.Tier.MAJOR) != (pass == 1)) continue;
                Rng sr = Rng.of(cfg.seed(), Rng.FEATURED, start, cfg.hours(), Rng.hash(spec.symbol()));
                PreMoveSetup s = setup(spec, sr, moveStart, 1, true);
                boolean free = natural.stream().noneMatch(o -> o.symbol().equals(spec.symbol())
                        && o.overlaps(s.accumulationStartMicros() - 2 * Times.HOUR, s.cooldownEndMicros() + 2 * Times.HOUR));
                if (free) return s;
            }
        }
        return null;
    }

    /**
     * VADR compares the last day's volume-weighted range with the last four days', so a long
     * build-up of wide ranges on nearly normal volume (16–20 h at 3.4–3.8× range, 1.0–1.15× volume)
     * and an accumulation that widens more than it trades lift it to ≈ 1.9–2.2; heavy volume would
     * dilute it (docs/SIMULATOR.md).
     */
    private static PreMoveSetup breakoutSetup(InstrumentSpec spec, Rng r, long moveStart) {
        long accMinutes = r.uniformLong(60, 120);
        long buildUpMinutes = r.uniformLong(960, 1200);
        long moveMinutes = r.uniformLong(45, 90);
        int moveBps = (int) r.uniformLong(2600, 3000);
        int retraceBps = (int) Math.round(moveBps * r.uniform(0.05, 0.1));
        long accStart = moveStart - accMinutes * Times.MINUTE;
        long moveEnd = moveStart + moveMinutes * Times.MINUTE;
        return new PreMoveSetup(spec.symbol(), 1, accStart - buildUpMinutes * Times.MINUTE, accStart, moveStart,
                moveEnd, moveEnd + 2 * Times.HOUR, moveBps, retraceBps, r.uniform(3.4, 3.8), r.uniform(1.0, 1.15),
                r.uniform(3.5, 4.5), r.uniform(2.0, 2.5), true);
    }

    /** A 7–10 % fall over 30–45 min after a 20–30 min accumulation, no build-up (it follows a featured setup). */
    private PreMoveSetup dump(String symbol, long moveStart) {
        Rng r = Rng.of(cfg.seed(), Rng.FEATURED, start, Rng.hash(symbol), 3);
        long accStart = moveStart - r.uniformLong(20, 30) * Times.MINUTE;
        long moveEnd = moveStart + r.uniformLong(30, 45) * Times.MINUTE;
        int moveBps = (int) r.uniformLong(700, 1000);
        return new PreMoveSetup(symbol, -1, accStart, accStart, moveStart, moveEnd, moveEnd + 2 * Times.HOUR, moveBps,
                (int) Math.round(moveBps * r.uniform(0.1, 0.2)), 1.0, 1.0, r.uniform(2.5, 3.0), r.uniform(2.0, 2.5), true);
    }

    /** A 20–24 % pump over 45–75 min that gives back only 5–8 % of it. */
    private static PreMoveSetup exhaustedSetup(InstrumentSpec spec, Rng r, long moveStart) {
        long accMinutes = r.uniformLong(60, 120);
        long buildUpMinutes = r.uniformLong(960, 1200);
        long moveMinutes = r.uniformLong(45, 75);
        int moveBps = (int) r.uniformLong(2000, 2400);
        int retraceBps = (int) Math.round(moveBps * r.uniform(0.05, 0.08));
        long accStart = moveStart - accMinutes * Times.MINUTE;
        long moveEnd = moveStart + moveMinutes * Times.MINUTE;
        return new PreMoveSetup(spec.symbol(), 1, accStart - buildUpMinutes * Times.MINUTE, accStart, moveStart,
                moveEnd, moveEnd + 2 * Times.HOUR, moveBps, retraceBps, r.uniform(3.4, 3.8), r.uniform(1.0, 1.15),
                r.uniform(3.5, 4.5), r.uniform(2.0, 2.5), true);
    }

    /** Draws a setup whose move starts at {@code moveStart}; the earlier phases are laid out backwards from it. */
    private static PreMoveSetup setup(InstrumentSpec spec, Rng r, long moveStart, int direction, boolean featured) {
        long accMinutes = r.uniformLong(60, 180);
        long buildUpMinutes = r.uniformLong(360, 1200);
        long moveMinutes = r.uniformLong(30, 120);
        int moveBps = (int) r.uniformLong(featured ? 600 : 400, maxMoveBps(spec));
        int retraceBps = (int) Math.round(moveBps * r.uniform(0.15, 0.45));
        double buildUpRange = r.uniform(1.8, 3.2);
        double buildUpVolume = r.uniform(1.1, 1.6);
        double rangePeak = r.uniform(3.5, 5.0);
        double volumePeak = r.uniform(3.0, 5.0);
        long accStart = moveStart - accMinutes * Times.MINUTE;
        long moveEnd = moveStart + moveMinutes * Times.MINUTE;
        return new PreMoveSetup(spec.symbol(), direction, accStart - buildUpMinutes * Times.MINUTE, accStart, moveStart,
                moveEnd, moveEnd + 2 * Times.HOUR, moveBps, retraceBps, buildUpRange, buildUpVolume, rangePeak, volumePeak,
                featured);
    }

    // ---- paths --------------------------------------------------------------------------------

    /** Market shocks for every minute of the span plus the one before (CHOPPY's MA(1) needs it): z, jump. */
    private double[][] marketShocks() {
        double[] z = new double[minutes + 1];
        double[] jump = new double[minutes + 1];
        long firstHour = Math.floorDiv(spanStart, Times.HOUR) - 1;
        long lastHour = Math.floorDiv(end - 1, Times.HOUR);
        for (long h = firstHour; h <= lastHour; h++) {
            Rng r = Rng.of(cfg.seed(), Rng.MARKET, h);
            double[] zs = new double[60];
            double[] js = new double[60];
            for (int j = 0; j < 60; j++) zs[j] = r.gaussian();
            for (int j = 0; j < 60; j++) js[j] = r.uniform() < JUMP_PROB ? r.gaussian() : 0;
            for (int j = 0; j < 60; j++) {
                int k = (int) (h * 60 + j - Math.floorDiv(spanStart, Times.MINUTE)) + 1;
                if (k >= 0 && k <= minutes) {
                    z[k] = zs[j];
                    jump[k] = js[j];
                }
            }
        }
        return new double[][] {z, jump};
    }

    private SymbolPath buildPath(InstrumentSpec spec, double[][] market) {
        SymbolPath p = new SymbolPath(spec, minutes);
        long symKey = Rng.hash(spec.symbol());
        double sigmaBase = spec.annualVol() / Math.sqrt(MINUTES_PER_YEAR);
        double rho = spec.marketShare();
        double beta = Math.sqrt(rho) * spec.annualVol() / 0.5;
        double[] zm = market[0];
        double[] jumps = market[1];

        // per regime segment: idiosyncratic drift (breadth), and for CHOPPY an oscillation around a level
        int nSeg = regimes.size();
        double[] segDrift = new double[nSeg];
        double[] chopAmp = new double[nSeg];
        double[] chopPeriod = new double[nSeg];
        double[] chopPhase = new double[nSeg];
        for (int s = 0; s < nSeg; s++) {
            Rng r = Rng.of(cfg.seed(), Rng.SEGMENT, symKey, start, regimeOrdinals[s]);
            Regime reg = regimes.get(s).regime();
            double daily = switch (reg) {
                case TRENDING_BULL -> 0.003 + 0.006 * r.gaussian();
                case CHOPPY -> 0.003 * r.gaussian();
                case HIGH_VOL -> -0.005 + 0.010 * r.gaussian();
            };
            segDrift[s] = (daily + bleedPerDay(spec)) / 1440;
            double swing = r.uniform(0.002, 0.005) * spec.annualVol() / 0.5;
            chopPeriod[s] = r.uniform(120, 300);
            chopAmp[s] = swing * 2 * Math.PI / chopPeriod[s];
            chopPhase[s] = r.uniform(0, 2 * Math.PI);
        }

        // setup multipliers per minute
        double[] setupRange = fill(minutes, 1);
        double[] setupVolume = fill(minutes, 1);
        double[] setupDrift = new double[minutes];
        double[] setupSpread = fill(minutes, 1);
        double[] setupDepth = fill(minutes, 1);
        for (PreMoveSetup s : setups) {
            if (!s.symbol().equals(spec.symbol())) continue;
            applySetup(s, setupRange, setupVolume, setupDrift, setupSpread, setupDepth);
        }
        if (scenario != null) {
            scenario.apply(this, spec, setupRange, setupVolume, setupDrift, setupSpread, setupDepth);
        }

        // idiosyncratic shocks, noise and returns, hour by hour
        double[] zi = new double[minutes + 1];
        double[] r = new double[minutes];
        double[] usdMult = new double[minutes];
        double[] tradeMult = new double[minutes];
        double[] spreadNoise = new double[minutes];
        double[] depthNoise = new double[minutes];
        long spanMinute0 = Math.floorDiv(spanStart, Times.MINUTE);
        long firstHour = Math.floorDiv(spanStart, Times.HOUR) - 1;
        long lastHour = Math.floorDiv(end - 1, Times.HOUR);
        Rng[] hourRng = new Rng[(int) (lastHour - firstHour + 1)];
        for (long h = firstHour; h <= lastHour; h++) {
            Rng rng = Rng.of(cfg.seed(), Rng.IDIO, symKey, h);
            hourRng[(int) (h - firstHour)] = rng;
            double sn = rng.lognormal(1, 0.15);
            double dn = rng.lognormal(1, 0.20);
            double[] zs = new double[60];
            double[] vn = new double[60];
            for (int j = 0; j < 60; j++) zs[j] = rng.gaussian();
            for (int j = 0; j < 60; j++) vn[j] = rng.lognormal(1, 0.45);
            for (int j = 0; j < 60; j++) {
                long k = h * 60 + j - spanMinute0;
                if (k + 1 >= 0 && k + 1 <= minutes) zi[(int) k + 1] = zs[j];
                if (k >= 0 && k < minutes) {
                    usdMult[(int) k] = vn[j];
                    spreadNoise[(int) k] = sn;
                    depthNoise[(int) k] = dn;
                }
            }
        }

        double chopNorm = Math.sqrt(1 + CHOP_THETA * CHOP_THETA);
        for (int k = 0; k < minutes; k++) {
            Regime reg = regimeAt[k];
            int seg = segmentAt[k];
            long abs = spanMinute0 + k;
            double season = season(abs);
            double sigma = sigmaBase * reg.sigmaMult * Math.sqrt(season) * setupRange[k];
            double em = zm[k + 1];
            double ei = zi[k + 1];
            double drift = (reg.dailyDrift * beta) / 1440 + segDrift[seg] + setupDrift[k];
            if (reg == Regime.CHOPPY) {
                em = (em - CHOP_THETA * zm[k]) / chopNorm;
                ei = (ei - CHOP_THETA * zi[k]) / chopNorm;
                long segStartMinute = Math.floorDiv(regimeOrigins[seg], Times.MINUTE);
                drift += chopAmp[seg] * StrictMath.sin(2 * Math.PI * (abs - segStartMinute) / chopPeriod[seg] + chopPhase[seg]);
            }
            double shock = Math.sqrt(rho) * em + Math.sqrt(1 - rho) * ei;
            double jump = reg == Regime.HIGH_VOL ? jumps[k + 1] * 5 * sigma * Math.sqrt(rho) : 0;
            r[k] = drift + sigma * shock + jump;
            p.sigma[k] = sigma;
            double surprise = Math.min(3, Math.abs(shock + (jump != 0 ? jumps[k + 1] * 5 : 0)));
            double intensity = season * (0.7 + 0.3 * surprise);
            p.spreadMult[k] = (float) (reg.spreadMult * setupSpread[k] * spreadNoise[k]);
            p.depthMult[k] = (float) (reg.depthMult * setupDepth[k] * depthNoise[k]);
            p.activity[k] = (float) (reg.bookRateMult * Math.sqrt(setupVolume[k] * season) * (scenario != null ? SCENARIO_BOOK_RATE : 1));
            // volume in USD for now; converted to base units once prices are known
            usdMult[k] *= intensity * reg.volumeMult * setupVolume[k];
            tradeMult[k] = intensity * StrictMath.pow(reg.volumeMult, 0.8) * StrictMath.pow(setupVolume[k], 0.7);
        }

        // prices: pinned at the start, cumulated forwards and backwards
        p.logMid[startMinute] = StrictMath.log(spec.toUsd(spec.anchorPrice()));
        for (int k = startMinute; k < minutes; k++) p.logMid[k + 1] = p.logMid[k] + r[k];
        for (int k = startMinute - 1; k >= 0; k--) p.logMid[k] = p.logMid[k + 1] - r[k];

        // trade counts (Poisson, drawn last from each hour's stream) and volume in base units
        double usdPerMinute = spec.usdPerHour() / 60;
        double tradesPerMinute = spec.tradesPerHour() / 60;
        for (int k = 0; k < minutes; k++) {
            long abs = spanMinute0 + k;
            Rng rng = hourRng[(int) (Math.floorDiv(abs, 60) - firstHour)];
            int n = rng.poisson(tradesPerMinute * tradeMult[k]);
            p.trades[k] = n;
            if (n == 0) {
                p.volume[k] = 0;
                continue;
            }
            double mid = Math.sqrt(p.midUsd(k) * p.midUsd(k + 1));
            long qty = Math.round(usdPerMinute * usdMult[k] / mid * spec.qtyUnits());
            p.volume[k] = Math.max(qty, n * spec.qtyMin());
        }
        return p;
    }

    private void applySetup(PreMoveSetup s, double[] range, double[] volume, double[] drift, double[] spread, double[] depth) {
        double moveLog = s.direction() * s.moveBps() / 10_000.0;
        double retraceLog = -s.direction() * s.retraceBps() / 10_000.0;
        int b = minuteIndex(s.buildUpStartMicros());
        int a = minuteIndex(s.accumulationStartMicros());
        int m = minuteIndex(s.moveStartMicros());
        int e = minuteIndex(s.moveEndMicros());
        int c = minuteIndex(s.cooldownEndMicros());
        for (int k = Math.max(0, b); k < Math.min(minutes, c); k++) {
            if (k < a) {
                // a quick rise then a plateau: the whole build-up counts in the 24 h window
                double x = Math.sqrt((k - b) / (double) (a - b));
                range[k] = 1 + (s.buildUpRange() - 1) * x;
                volume[k] = 1 + (s.buildUpVolume() - 1) * x;
            } else if (k < m) {
                double x = (k - a) / (double) (m - a);
                range[k] = s.buildUpRange() + (s.rangePeak() - s.buildUpRange()) * x;
                volume[k] = s.buildUpVolume() + (s.volumePeak() - s.buildUpVolume()) * x;
                drift[k] += 0.12 * moveLog / (m - a);
                spread[k] = 1.1;
                depth[k] = 0.95;
            } else if (k < e) {
                range[k] = s.rangePeak() * 0.9;
                volume[k] = s.volumePeak() * 1.3;
                drift[k] += 0.88 * moveLog / (e - m);
                spread[k] = 1.25;
                depth[k] = 0.85;
            } else {
                double y = 1 - (k - e) / (double) (c - e);
                range[k] = 1 + (s.rangePeak() - 1) * 0.5 * y;
                volume[k] = 1 + (s.volumePeak() * 1.3 - 1) * 0.6 * y;
                drift[k] += retraceLog / (c - e);
                spread[k] = 1 + 0.1 * y;
            }
        }
    }

    /** Intraday and weekly activity: busiest around 15:00 UTC on weekdays, quietest at weekend nights. */
    static double season(long absMinute) {
        double hod = Math.floorMod(absMinute, 1440) / 60.0;
        long day = Math.floorDiv(absMinute, 1440);
        int dow = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday; 0 = Monday
        double s = 0.8 + 0.4 * (1 + StrictMath.cos(2 * Math.PI * (hod - 15) / 24)) / 2;
        return dow >= 5 ? s * 0.8 : s;
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
