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
 *   <li><b>Waves</b> of planted setups every {@link #WAVE_EVERY_HOURS} h from hour {@link #FIRST_WAVE_HOUR}
 *       (4, then 3), on symbols liquid in the regime, each at most once per {@link #SPACING_HOURS} h. Build-ups
 *       swing (a 20-minute oscillation: wide 1h bars, no drift at the 1h closes) on quiet volume: VADR without
 *       fatigue. Moves end before the hour's close, so one scan sees a wave. None in the day before the flush.</li>
 *   <li><b>Runners</b>: a 4h kick then a steady climb, 4h bar by 4h bar, for the 48 h time limit (one from
 *       hour 4) and the trailing stop at the flush (two from flush − 44 h).</li>
 *   <li><b>Tails</b>: every 4th up setup of a wave (from the second) a <i>spread fault</i> (the book's spread
 *       ≥ 180 bps for 20 min, 90 min after the move: venue health).</li>
 *   <li><b>Flush</b>: at 84 % of the frame period every symbol falls 20 % in 30 min on 6× volume (beta-free):
 *       older positions meet the trailing stop, younger ones the hard stop, and the next vote is HIGH_VOL.</li>
 *   <li><b>Burst</b>: at that vote's hour {@value #BURST_SIZE} up moves whose 1h bars close together in
 *       HIGH_VOL (the 6/h limit), after a short wide build-up.</li>
 *   <li><b>Social</b>: a reading per symbol every 15 min, noise in [−3, 5], and 12–28 (above the +10 cap)
 *       around a planted setup.</li>
 *   <li><b>Nudges</b> for the exits the rest does not reach (issue 14): a V inside one clock hour right after
 *       the second wave's last setup is seen (the hard stop), and a runner lifted over the hour its momentum
 *       faded, then a V inside an hour after 12 h held (the trailing stop); every V ends where the path would
 *       have been, so the 1h closes (returns, MomentumCore, the 4h acceleration) see nothing of it.</li>
 *   <li><b>One quarter-hour of buzz</b> on the first wave's last symbol at the end of the hour in which the
 *       time-limit runner and two build-ups are sent: a fresh fourth candidate meets the 3/h limit alone.</li>
 * </ul>
 */
final class ScenarioPlan {
    static final long KEY = 0x5343_454EL;
    static final int FIRST_WAVE_HOUR = 14;
    static final int WAVE_EVERY_HOURS = 10;
    /**
     * Least time between two planted moves on one symbol: VADR compares 24 h with 96 h, and an earlier setup
     * inside the 96 h window (48 h apart: VADR 1.52–1.77 measured) weighs against the next.
     */
    static final int SPACING_HOURS = 84;
    static final long SOCIAL_EVERY = 15 * Times.MINUTE;
    static final long FLUSH_MINUTES = 30;
    static final int FLUSH_BPS = 2000;
    /** Volume multiplier of the flush: heavy enough that its 1h bar lifts every symbol's VADR over the tier minimum for a day. */
    static final double FLUSH_VOLUME = 6;
    static final long FAULT_MINUTES = 20;
    static final double FAULT_SPREAD_BPS = 180;
    /** No wave moves in the day before the HIGH_VOL burst (the 10/day limit would mask the 6/h one). */
    static final int QUIET_HOURS = 24;
    static final int BURST_SIZE = 9;
    /** Setups in the depth of the book while they build up and move: × this depth, so thinner liquid pairs pass ±2 % ≥ $100k. */
    static final double SETUP_DEPTH = 1.3;
    /** Runners: a 4 h kick then a steady climb this long, so a position lives 48 h (time limit) or meets the flush. */
    static final long RUN_MINUTES = 64 * 60;
    static final int[] RUN_BPS_PER_4H = {220, 160, 110};
    static final double RUN_RANGE = 0.2;
    /** How long a runner's build-up swing (and its quiet volume) lasts into the climb. */
    static final long RUN_SWING_MINUTES = 24 * 60;
    /** How long a runner's social buzz lasts into the climb. */
    static final long RUN_BUZZ_MINUTES = 12 * 60;
    /** Build-ups: wide 1h ranges from a 20-minute oscillation (no net drift: no fatigue), on quieter volume. */
    static final double BUILD_UP_SWING = 5.5;
    static final double RUNNER_SWING = 3.0;
    /** The burst's build-up: short (9 h) and wide, so its VADR is up at the burst but not in the day before. */
    static final double BURST_SWING = 8.0;
    static final long BURST_BUILD_UP_MINUTES = 540;
    /** Social buzz lasts past the move: the scan sees a move at the next 1h close. */
    static final long BUZZ_AFTER_MOVE_MINUTES = 90;
    static final double BUILD_UP_VOLUME = 0.5;

    /**
     * The hard stop's V (issue 14): from this long after the 1h close that first sees the second wave's last move
     * (the scan alerts it in the minutes after that close: 01:04 measured), the price falls {@link #HARD_STOP_DIP_BPS}
     * in {@link #HARD_STOP_DOWN_MINUTES}, then climbs it back in {@link #HARD_STOP_UP_MINUTES}, all before the next
     * close: the stop (entry − 1.5 ATR(1h), ≈ 10.5 % below for that wave's wide build-up) is crossed while the 1h
     * closes, hence the 4h acceleration and MomentumCore (rules 4–5), stay where they were.
     */
    static final long HARD_STOP_AFTER_CLOSE_MINUTES = 10;
    static final int HARD_STOP_DIP_BPS = 1300;
    static final long HARD_STOP_DOWN_MINUTES = 10;
    static final long HARD_STOP_UP_MINUTES = 20;
    /**
     * The trailing stop's runner (the first flush runner, alerted 2 h into its kick): its MomentumCore fell under
     * the cross-section's median at the 1h close {@value #TRAIL_LIFT_HOURS} h after its kick started (11 h held,
     * z −0.07 measured); {@link #TRAIL_LIFT_BPS} added over the hour before that close (z +0.59 there, +0.92 an hour
     * later, computed from the measured cross-section) keep it open past 12 h. Then, {@value #TRAIL_DIP_HOURS} h
     * after the kick, a V of {@link #TRAIL_DIP_BPS} in {@link #TRAIL_DOWN_MINUTES} crosses high-water − 1.8 ATR
     * (the position is ≈ +10 % at its swing highs, so that level lies far above entry − 1.5 ATR: the trailing
     * stop, rule 6, fires first), and climbs back all but the lift before the hour's close.
     */
    static final long TRAIL_LIFT_HOURS = 13;
    static final int TRAIL_LIFT_BPS = 200;
    static final long TRAIL_DIP_HOURS = 14;
    static final int TRAIL_DIP_BPS = 1000;
    static final long TRAIL_DOWN_MINUTES = 10;
    /** Nudges start this long after a whole hour and end before its close. */
    static final long NUDGE_OFFSET_MINUTES = 5;
    /**
     * The 3/h limit on its own (issue 14): the time-limit runner is sent in the hour after its 4h kick ends, and so
     * are two of the first wave's build-ups (08:01, 08:16, 08:35 measured); the first wave's last symbol, another
     * build-up, scores 64–68 before social in that hour's last quarter and passes every other gate. One reading of
     * buzz there lifts it over 75 while three alerts lie within the hour: it is held back by {@code rate_hour} alone.
     */
    static final long RATE_HOUR_BUZZ_AFTER_KICK_MINUTES = 45;

    enum Tail { NONE, SPREAD_FAULT, RUNNER, BURST }

    record Planted(PreMoveSetup setup, Tail tail) {}

    /** {@code bps} of log return added evenly over {@code minutes} from {@code startMicros} to one symbol's path. */
    record Nudge(String symbol, long startMicros, long minutes, int bps, String purpose) {}

    final List<Planted> planted;
    final long flushStart;
    final List<Nudge> nudges;
    /** The symbol and the 15-minute slot of the one-off buzz for the 3/h limit, or null. */
    final String rateHourSymbol;
    final long rateHourSlot;

    private ScenarioPlan(List<Planted> planted, long flushStart, List<Nudge> nudges, String rateHourSymbol, long rateHourSlot) {
        this.planted = planted;
        this.flushStart = flushStart;
        this.nudges = nudges;
        this.rateHourSymbol = rateHourSymbol;
        this.rateHourSlot = rateHourSlot;
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

    /** One wave: its first move's hour, how many setups, their kind. */
    private record Wave(long hour, int size, Kind kind) {}

    private enum Kind { FIRST, WAVE, RUNNER_TIME_LIMIT, RUNNER_FLUSH, BURST }

    /** The HIGH_VOL burst's hour: the first 4-hourly vote after the flush, which the flush makes HIGH_VOL. */
    static long burstHour(long flushHour) {
        return Math.floorDiv(flushHour + 4, 4) * 4;
    }

    /**
     * The waves for a run of {@code hours}: a first wave of 4 up setups (3/h limit), a runner that lives
     * 48 h, waves of 3 every 10 h, two runners that meet the flush, a quiet day, the HIGH_VOL burst of
     * {@value #BURST_SIZE} right after the flush, then waves.
     */
    private static List<Wave> waves(int hours, long flushHour) {
        List<Wave> w = new ArrayList<>();
        long burstHour = burstHour(flushHour);
        for (long h = FIRST_WAVE_HOUR; h < hours - 3; h += WAVE_EVERY_HOURS) {
            if (h == FIRST_WAVE_HOUR) {
                w.add(new Wave(h, 4, Kind.FIRST));
                w.add(new Wave(4, 1, Kind.RUNNER_TIME_LIMIT)); // first, before build-up alerts fill the day's 10
            } else if (h + QUIET_HOURS + 4 <= flushHour || h > burstHour) {
                w.add(new Wave(h, 3, Kind.WAVE));
            }
        }
        long runners = Math.floorDiv(flushHour - 44, 4) * 4;
        if (runners > FIRST_WAVE_HOUR + 8) w.add(new Wave(runners, 2, Kind.RUNNER_FLUSH));
        if (burstHour < hours - 2) w.add(new Wave(burstHour, BURST_SIZE, Kind.BURST));
        w.sort(Comparator.comparingLong(Wave::hour));
        return w;
    }

    static ScenarioPlan build(SimConfig cfg, List<InstrumentSpec> specs, List<RegimeSegment> regimes) {
        long start = cfg.startMicros();
        long flushHour = Math.round(cfg.hours() * 0.84);
        long flushStart = start + flushHour * Times.HOUR + 30 * Times.MINUTE;
        List<InstrumentSpec> liquid = new ArrayList<>();
        List<InstrumentSpec> calm = new ArrayList<>(); // liquid except in HIGH_VOL
        for (InstrumentSpec s : specs) {
            String l = GroundTruth.liquidity(s);
            if ("pass".equals(l)) liquid.add(s);
            else if ("fails_in_high_vol".equals(l)) calm.add(s);
        }
        // a seeded order, then round-robin over it
        Rng order = Rng.of(cfg.seed(), KEY, start, 1);
        for (int i = liquid.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            InstrumentSpec t = liquid.get(i);
            liquid.set(i, liquid.get(j));
            liquid.set(j, t);
        }
        List<InstrumentSpec> all = new ArrayList<>(liquid);
        all.addAll(calm);
        // runners: the calmest liquid symbols except BTC (it drives the regime vote)
        List<InstrumentSpec> runnerPool = new ArrayList<>(liquid);
        runnerPool.removeIf(x -> x.symbol().startsWith("BTC/"));
        runnerPool.sort(Comparator.comparingDouble(InstrumentSpec::annualVol).thenComparing(InstrumentSpec::symbol));
        Map<String, List<Long>> moves = new HashMap<>(); // per symbol: its planted move starts
        List<Planted> out = new ArrayList<>();
        int cursor = 0;
        int ups = 0;
        long burst = start + burstHour(flushHour) * Times.HOUR;
        java.util.Set<String> burstSymbols = new java.util.HashSet<>();
        // symbols are handed out by priority (runners, then the burst, then the rest in time order), each at least
        // SPACING_HOURS from any other planted move on it; waves early enough use the burst's symbols first
        List<Wave> byPriority = new ArrayList<>(waves(cfg.hours(), flushHour));
        byPriority.sort(Comparator.comparingInt((Wave x) -> switch (x.kind()) {
            case RUNNER_TIME_LIMIT, RUNNER_FLUSH -> 0;
            case BURST -> 1;
            default -> 2;
        }).thenComparingLong(Wave::hour));
        for (Wave wv : byPriority) {
            long wave = start + wv.hour() * Times.HOUR;
            boolean runner = wv.kind() == Kind.RUNNER_TIME_LIMIT || wv.kind() == Kind.RUNNER_FLUSH;
            boolean isBurst = wv.kind() == Kind.BURST;
            boolean highVol = regimeAt(regimes, wave) == Regime.HIGH_VOL;
            List<InstrumentSpec> pool = new ArrayList<>(runner ? runnerPool : highVol ? liquid : all);
            if (!runner && !isBurst) {
                List<InstrumentSpec> rotated = new ArrayList<>();
                for (int i = 0; i < pool.size(); i++) rotated.add(pool.get((cursor + i) % pool.size()));
                pool = rotated;
                if (burst - wave >= SPACING_HOURS * Times.HOUR) {
                    pool.sort(Comparator.comparingInt(x -> burstSymbols.contains(x.symbol()) ? 0 : 1)); // stable
                }
            }
            Rng wr = Rng.of(cfg.seed(), KEY, wave);
            long offset = runner || isBurst ? 0 : wr.uniformLong(0, 5) * Times.MINUTE;
            int placed = 0;
            for (InstrumentSpec spec : pool) {
                if (placed >= wv.size()) break;
                if (!runner && !isBurst) cursor++;
                boolean near = false;
                for (long t : moves.getOrDefault(spec.symbol(), List.of())) {
                    near |= Math.abs(wave - t) < SPACING_HOURS * Times.HOUR;
                }
                if (near) continue;
                Rng sr = Rng.of(cfg.seed(), KEY, wave, Rng.hash(spec.symbol()));
                // moves of a wave start minutes apart and end before the hour's close: the scan sees them together
                long step = runner ? 0 : isBurst ? 3 : sr.uniformLong(2, 4);
                long moveStart = wave + offset + placed * step * Times.MINUTE;
                boolean up = wv.kind() != Kind.WAVE || sr.chance(0.85);
                int direction = up ? 1 : -1;
                Tail tail = runner ? Tail.RUNNER : isBurst ? Tail.BURST : Tail.NONE;
                long accMinutes = isBurst ? sr.uniformLong(30, 45) : sr.uniformLong(60, 120);
                long buildUp = isBurst ? BURST_BUILD_UP_MINUTES : sr.uniformLong(1200, 1320);
                long moveMinutes = runner ? 240 : isBurst ? sr.uniformLong(25, 30) : sr.uniformLong(30, 40);
                // down moves are deeper: a long taken before one meets its hard stop (1.5 ATR of a wide build-up)
                int moveBps = runner ? 300 : up ? (int) sr.uniformLong(900, 1400) : (int) sr.uniformLong(1500, 2000);
                int retraceBps = runner ? 0 : (int) Math.round(moveBps * sr.uniform(0.15, 0.45));
                long accStart = moveStart - accMinutes * Times.MINUTE;
                long moveEnd = moveStart + moveMinutes * Times.MINUTE;
                if (!runner && direction > 0) {
                    if (ups % 4 == 1 && wv.kind() == Kind.WAVE) tail = Tail.SPREAD_FAULT;
                    ups++;
                }
                PreMoveSetup s = runner
                        ? new PreMoveSetup(spec.symbol(), 1, accStart - buildUp * Times.MINUTE, accStart, moveStart, moveEnd,
                                moveEnd + 2 * Times.HOUR, moveBps, 0, 1.0, BUILD_UP_VOLUME, RUN_RANGE, 1.5, false)
                        : new PreMoveSetup(spec.symbol(), direction, accStart - buildUp * Times.MINUTE, accStart,
                                moveStart, moveEnd, moveEnd + 2 * Times.HOUR, moveBps, retraceBps, 1.0, BUILD_UP_VOLUME,
                                sr.uniform(1.5, 2.0), sr.uniform(1.2, 1.5), false);
                out.add(new Planted(s, tail));
                moves.computeIfAbsent(spec.symbol(), x -> new ArrayList<>()).add(moveStart);
                if (isBurst) burstSymbols.add(spec.symbol());
                placed++;
            }
        }
        out.sort(Comparator.comparingLong((Planted p) -> p.setup().moveStartMicros()).thenComparing(p -> p.setup().symbol()));
        List<Nudge> nudges = new ArrayList<>();
        long minute = Times.MINUTE;
        // the hard stop: a V right after the second wave's last move is first seen at a 1h close
        long second = start + (FIRST_WAVE_HOUR + WAVE_EVERY_HOURS) * Times.HOUR;
        Planted hard = null;
        for (Planted p : out) {
            long ms = p.setup().moveStartMicros();
            if (p.tail() != Tail.RUNNER && p.setup().direction() > 0 && ms >= second && ms < second + Times.HOUR) hard = p;
        }
        if (hard != null) {
            long close = Math.floorDiv(hard.setup().moveEndMicros() + Times.HOUR - 1, Times.HOUR) * Times.HOUR;
            long dip = close + HARD_STOP_AFTER_CLOSE_MINUTES * minute;
            String sym = hard.setup().symbol();
            nudges.add(new Nudge(sym, dip, HARD_STOP_DOWN_MINUTES, -HARD_STOP_DIP_BPS, "hard_stop"));
            nudges.add(new Nudge(sym, dip + HARD_STOP_DOWN_MINUTES * minute, HARD_STOP_UP_MINUTES, HARD_STOP_DIP_BPS, "hard_stop"));
        }
        // the trailing stop: the first flush runner lifted over the hour its momentum faded, then a V after 12 h held
        Planted trail = null;
        long runners = start + Math.floorDiv(flushHour - 44, 4) * 4 * Times.HOUR;
        for (Planted p : out) {
            if (trail == null && p.tail() == Tail.RUNNER && p.setup().moveStartMicros() == runners) trail = p;
        }
        if (trail != null && runners > start + (FIRST_WAVE_HOUR + 8) * Times.HOUR) {
            String sym = trail.setup().symbol();
            long kick = trail.setup().moveStartMicros();
            long off = NUDGE_OFFSET_MINUTES * minute;
            nudges.add(new Nudge(sym, kick + (TRAIL_LIFT_HOURS - 1) * Times.HOUR + off, 60 - 2 * NUDGE_OFFSET_MINUTES,
                    TRAIL_LIFT_BPS, "trailing_stop"));
            long dip = kick + TRAIL_DIP_HOURS * Times.HOUR + off;
            nudges.add(new Nudge(sym, dip, TRAIL_DOWN_MINUTES, -TRAIL_DIP_BPS, "trailing_stop"));
            nudges.add(new Nudge(sym, dip + TRAIL_DOWN_MINUTES * minute, 60 - 2 * NUDGE_OFFSET_MINUTES - TRAIL_DOWN_MINUTES,
                    TRAIL_DIP_BPS - TRAIL_LIFT_BPS, "trailing_stop"));
        }
        // the 3/h limit alone: one quarter-hour of buzz on the first wave's last symbol
        String rateHourSymbol = null;
        long rateHourSlot = Long.MIN_VALUE;
        Planted timeLimit = null;
        Planted firstLast = null;
        long first = start + FIRST_WAVE_HOUR * Times.HOUR;
        for (Planted p : out) {
            long ms = p.setup().moveStartMicros();
            if (timeLimit == null && p.tail() == Tail.RUNNER) timeLimit = p;
            if (p.tail() != Tail.RUNNER && ms >= first && ms < first + Times.HOUR) firstLast = p;
        }
        if (timeLimit != null && firstLast != null) {
            rateHourSymbol = firstLast.setup().symbol();
            rateHourSlot = timeLimit.setup().moveEndMicros() + RATE_HOUR_BUZZ_AFTER_KICK_MINUTES * minute;
        }
        return new ScenarioPlan(List.copyOf(out), flushStart, List.copyOf(nudges), rateHourSymbol, rateHourSlot);
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
    void apply(MarketModel m, InstrumentSpec spec, double[] range, double[] volume, double[] drift, double[] spread,
            double[] depth) {
        double sigma = spec.annualVol() / Math.sqrt(MarketModel.MINUTES_PER_YEAR);
        for (Planted p : planted) {
            PreMoveSetup s = p.setup();
            if (!s.symbol().equals(spec.symbol())) continue;
            // the build-up: a 20-minute oscillation whose swing is `swing` times a normal 1h range (≈ 12.4 σ),
            // so each 1h bar is wide but its close does not wander (3 whole periods per hour)
            double swing = p.tail() == Tail.RUNNER ? RUNNER_SWING : p.tail() == Tail.BURST ? BURST_SWING : BUILD_UP_SWING;
            double amp = swing * 12.4 * sigma * Math.PI / 20;
            int b = m.minuteIndex(s.buildUpStartMicros());
            int a = m.minuteIndex(s.accumulationStartMicros());
            int b20 = b + (int) Math.floorMod(-(long) b, 60L); // from a whole hour of the span, so the phase is the same at every close
            // a runner keeps swinging through the first day of its climb: its VADR stays up while its momentum builds
            int until = p.tail() == Tail.RUNNER ? m.minuteIndex(s.moveEndMicros() + RUN_SWING_MINUTES * Times.MINUTE) : a;
            for (int k = Math.max(0, b20); k < Math.min(m.minutes, until - Math.floorMod(until - b20, 20)); k++) {
                drift[k] += amp * StrictMath.sin(2 * Math.PI * (k - b20) / 20.0);
            }
            int acc = m.minuteIndex(s.accumulationStartMicros());
            for (int k = Math.max(0, acc); k < Math.min(m.minutes, m.minuteIndex(s.cooldownEndMicros())); k++) {
                depth[k] *= SETUP_DEPTH;
            }
            if (p.tail() == Tail.SPREAD_FAULT) {
                int f = m.minuteIndex(s.moveEndMicros() + 90 * Times.MINUTE);
                double mult = FAULT_SPREAD_BPS / spec.spreadBps();
                for (int k = Math.max(0, f); k < Math.min(m.minutes, f + FAULT_MINUTES); k++) {
                    spread[k] *= mult;
                }
            } else if (p.tail() == Tail.RUNNER) {
                // after the 4 h kick: a steady climb, 4h bar by 4h bar (2.2 %, 1.6 %, then 1.1 %), on a quiet path,
                // so the 4h acceleration never falls 2 pp and the momentum stays above the cross-section's
                int e = m.minuteIndex(s.moveEndMicros());
                for (int k = Math.max(0, e); k < Math.min(m.minutes, e + RUN_MINUTES); k++) {
                    int bar = (k - e) / 240;
                    int bps = RUN_BPS_PER_4H[Math.min(bar, RUN_BPS_PER_4H.length - 1)];
                    range[k] = RUN_RANGE;
                    volume[k] = k - e < RUN_SWING_MINUTES ? BUILD_UP_VOLUME : 1;
                    drift[k] += bps / 10_000.0 / 240;
                }
            }
        }
        for (Nudge n : nudges) {
            if (!n.symbol().equals(spec.symbol())) continue;
            int from = m.minuteIndex(n.startMicros());
            for (int k = Math.max(0, from); k < Math.min(m.minutes, from + n.minutes()); k++) {
                drift[k] += n.bps() / 10_000.0 / n.minutes();
            }
        }
        int f = m.minuteIndex(flushStart);
        for (int k = Math.max(0, f); k < Math.min(m.minutes, f + FLUSH_MINUTES); k++) {
            drift[k] -= FLUSH_BPS / 10_000.0 / FLUSH_MINUTES;
            volume[k] *= FLUSH_VOLUME;
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
                    long buzzEnd = s.moveEndMicros()
                            + (p.tail() == Tail.RUNNER ? RUN_BUZZ_MINUTES : BUZZ_AFTER_MOVE_MINUTES) * Times.MINUTE;
                    // the burst's buzz starts with its moves: earlier alerts would fill the day before the 6/h limit
                    long buzzStart = p.tail() == Tail.BURST ? s.moveStartMicros() : s.accumulationStartMicros() - 2 * Times.HOUR;
                    if (s.symbol().equals(spec.symbol()) && t >= buzzStart && t < buzzEnd) {
                        buzz = true;
                        break;
                    }
                }
                buzz |= t == rateHourSlot && spec.symbol().equals(rateHourSymbol);
                long tenths = buzz ? r.uniformLong(120, 280) : r.uniformLong(-30, 50);
                String value = (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
                out.add("{\"ts\":" + t + ",\"symbol\":\"" + spec.symbol() + "\",\"social\":" + value + "}");
            }
        }
        return out;
    }
}
