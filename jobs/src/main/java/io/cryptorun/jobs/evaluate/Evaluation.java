package io.cryptorun.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.evaluate.RunOutputs.Bar;
import io.cryptorun.jobs.evaluate.RunOutputs.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Judges a finished run (definitions in {@code docs/EVALUATION.md}): forward returns per band and
 * per score decile with the rank IC, a fixed trade rule applied alike to the alerts and to two
 * baselines from the same run (gate-passing but not alerted; random entries in the alert's regime,
 * seeded) with seeded bootstrap intervals of the lift, the paper exits as the job emitted them, and,
 * given the simulator's {@code truth.json}, recall/precision/lead time of planted setups and regime
 * agreement. Pure: reads {@link RunOutputs}, returns JSON; no Flink, no clock.
 */
public final class Evaluation {
    public static final String FORMAT = "cryptorun-evaluation/1";
    public static final long DEFAULT_SEED = 20250106L;
    static final long MINUTE = 60_000_000L;
    static final long HOUR = 60 * MINUTE;
    static final long[] HORIZONS = {HOUR, 4 * HOUR, 24 * HOUR};
    static final String[] HORIZON_NAMES = {"1h", "4h", "24h"};
    /** The trade rule: the first profit target and the hard stop of SPEC §9, 48 h limit. */
    static final double TARGET = 0.08;
    static final double STOP_ATR = 1.5;
    static final long MAX_HOLD = 48 * HOUR;
    static final int RANDOM_PER_ALERT = 20;
    static final int BOOTSTRAP = 1000;

    private final RunOutputs run;
    private final JsonNode truth;
    private final long seed;

    public Evaluation(RunOutputs run, JsonNode truth, long seed) {
        this.run = run;
        this.truth = truth;
        this.seed = seed;
    }

    /** The outcome of the trade rule for one entry. */
    record Trade(boolean hit, boolean stopped, boolean resolved, double ret, double adverse, double hours) {}

    public ObjectNode evaluate() {
        ObjectNode out = RunOutputs.object();
        out.put("format", FORMAT);
        out.put("seed", seed);
        List<Score> scored = run.scores.stream().filter(s -> Double.isFinite(s.score())).toList();
        long first = scored.stream().mapToLong(Score::ts).min().orElse(0);
        long last = scored.stream().mapToLong(Score::ts).max().orElse(0);
        ObjectNode window = out.putObject("window");
        window.put("first_scan_ts", first);
        window.put("last_scan_ts", last);
        window.put("scans", scored.stream().mapToLong(Score::ts).distinct().count());
        window.put("symbols", scored.stream().map(Score::symbol).distinct().count());
        out.set("counts", counts());
        ObjectNode rule = out.putObject("trade_rule");
        rule.put("profit_target", TARGET);
        rule.put("hard_stop_atr", STOP_ATR);
        rule.put("max_hold_hours", MAX_HOLD / HOUR);

        Map<String, Score> byKey = new HashMap<>();
        for (Score s : scored) {
            byKey.put(key(s.ts(), s.symbol()), s);
        }
        List<Score> alertEntries = new ArrayList<>();
        Set<String> alerted = new HashSet<>();
        for (JsonNode a : run.alerts) {
            long ts = a.path("ts").asLong();
            String sym = a.path("symbol").asText();
            alerted.add(key(ts, sym));
            Score s = byKey.get(key(ts, sym));
            alertEntries.add(s != null ? s : new Score(ts, sym, a.path("score").asDouble(), a.path("band").asText(),
                    a.path("regime").asText(), true, a.path("microstructure").path("mid").asDouble(Double.NaN), Double.NaN, List.of()));
        }
        List<Score> passedNotAlerted = scored.stream().filter(s -> s.pass() && !alerted.contains(key(s.ts(), s.symbol()))).toList();
        List<Score> random = randomSameRegime(alertEntries, scored);

        List<Trade> ta = trades(alertEntries);
        List<Trade> tp = trades(passedNotAlerted);
        List<Trade> tr = trades(random);
        ObjectNode groups = out.putObject("groups");
        groups.set("alerts", stats(ta, alertEntries));
        groups.set("gate_passed_not_alerted", stats(tp, passedNotAlerted));
        groups.set("random_same_regime", stats(tr, random));
        ObjectNode lift = out.putObject("lift");
        lift.set("vs_gate_passed_not_alerted", lift(ta, tp, 1));
        lift.set("vs_random_same_regime", lift(ta, tr, 2));
        out.set("paper", paper());

        double[][] fwd = forwardReturns(scored);
        out.set("by_band", byBand(scored, fwd));
        out.set("by_decile", byDecile(scored, fwd));
        out.set("rank_ic", rankIc(scored, fwd));
        if (truth != null) {
            out.set("truth", TruthEvaluation.evaluate(truth, run, first, last));
        } else {
            out.putNull("truth");
        }
        return out;
    }

    /** Counts read from the outputs themselves (what the promotion gate pins). */
    ObjectNode counts() {
        ObjectNode c = RunOutputs.object();
        c.put("scores", run.scores.size());
        c.put("gates_passed", run.scores.stream().filter(Score::pass).count());
        TreeMap<String, Long> trips = new TreeMap<>();
        for (Score s : run.scores) {
            s.failedGates().forEach(g -> trips.merge(g, 1L, Long::sum));
        }
        putCounts(c.putObject("gate_trips"), trips);
        c.put("alerts", run.alerts.size());
        putCounts(c.putObject("alerts_by_band"), countBy(run.alerts, "band"));
        putCounts(c.putObject("suppressed"), countBy(run.suppressed, "reason"));
        putCounts(c.putObject("exits"), countBy(run.exits, "reason"));
        c.put("regime_votes", run.regimes.size());
        long changes = 0;
        for (int i = 1; i < run.regimes.size(); i++) {
            if (!run.regimes.get(i).path("regime").asText().equals(run.regimes.get(i - 1).path("regime").asText())) {
                changes++;
            }
        }
        c.put("regime_changes", changes);
        putCounts(c.putObject("regime_by_regime"), countBy(run.regimes, "regime"));
        return c;
    }

    static TreeMap<String, Long> countBy(List<JsonNode> lines, String field) {
        TreeMap<String, Long> m = new TreeMap<>();
        for (JsonNode n : lines) {
            m.merge(n.path(field).asText(), 1L, Long::sum);
        }
        return m;
    }

    static void putCounts(ObjectNode o, Map<String, Long> m) {
        m.forEach(o::put);
    }

    /** For each alert, {@value #RANDOM_PER_ALERT} scored candidates of the same scan regime, drawn with a fixed seed. */
    List<Score> randomSameRegime(List<Score> alerts, List<Score> scored) {
        Map<String, List<Score>> byRegime = new TreeMap<>();
        for (Score s : scored) {
            byRegime.computeIfAbsent(s.regime(), r -> new ArrayList<>()).add(s);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Score> out = new ArrayList<>();
        for (Score a : alerts) {
            List<Score> pool = byRegime.getOrDefault(a.regime(), List.of());
            for (int i = 0; i < RANDOM_PER_ALERT && !pool.isEmpty(); i++) {
                out.add(pool.get(rnd.nextInt(pool.size())));
            }
        }
        return out;
    }

    List<Trade> trades(List<Score> entries) {
        List<Trade> out = new ArrayList<>();
        for (Score s : entries) {
            out.add(trade(run.minuteBars(s.symbol()), s.ts(), s.lastPrice(), s.atr1h(), run.lastMinuteClose(s.symbol())));
        }
        return out;
    }

    /**
     * The trade rule on 1-minute bars opening at or after the entry tick: the hard stop
     * (entry − 1.5 × ATR) is checked before the target within a bar (the pessimistic order);
     * after 48 h the position closes at that bar's close; a run that ends first leaves it
     * unresolved at its last close. Null when the entry has no price or no ATR.
     */
    static Trade trade(java.util.NavigableMap<Long, Bar> bars, long entryTs, double entry, double atr, long lastClose) {
        if (!(entry > 0) || !Double.isFinite(atr) || atr <= 0) {
            return null;
        }
        double stop = entry - STOP_ATR * atr;
        double target = entry * (1 + TARGET);
        double low = entry;
        double lastPx = entry;
        long lastT = entryTs;
        for (Bar b : bars.subMap(entryTs, true, entryTs + MAX_HOLD, false).values()) {
            long closeT = b.ts() + MINUTE;
            if (b.low() <= stop) {
                return new Trade(false, true, true, stop / entry - 1, Math.min(low, stop) / entry - 1, hours(closeT - entryTs));
            }
            low = Math.min(low, b.low());
            if (b.high() >= target) {
                return new Trade(true, false, true, TARGET, low / entry - 1, hours(closeT - entryTs));
            }
            lastPx = b.close();
            lastT = closeT;
        }
        boolean timedOut = lastClose >= entryTs + MAX_HOLD;
        return new Trade(false, false, timedOut, lastPx / entry - 1, low / entry - 1, hours(lastT - entryTs));
    }

    static double hours(long micros) {
        return micros / (double) HOUR;
    }

    static ObjectNode stats(List<Trade> trades, List<Score> entries) {
        ObjectNode o = RunOutputs.object();
        List<Trade> t = trades.stream().filter(x -> x != null).toList();
        o.put("entries", entries.size());
        o.put("traded", t.size());
        o.put("resolved", t.stream().filter(Trade::resolved).count());
        o.put("hits", t.stream().filter(Trade::hit).count());
        o.put("stops", t.stream().filter(Trade::stopped).count());
        num(o, "hit_rate", t.isEmpty() ? Double.NaN : t.stream().filter(Trade::hit).count() / (double) t.size());
        double[] r = t.stream().mapToDouble(Trade::ret).toArray();
        num(o, "mean_return", mean(r));
        num(o, "median_return", median(r));
        num(o, "worst_adverse_excursion", t.stream().mapToDouble(Trade::adverse).min().orElse(Double.NaN));
        num(o, "median_hours_to_exit", median(t.stream().filter(Trade::resolved).mapToDouble(Trade::hours).toArray()));
        return o;
    }

    /** Alerts minus baseline (hit rate and mean return) with a seeded percentile bootstrap 95 % interval. */
    ObjectNode lift(List<Trade> alerts, List<Trade> base, int stream) {
        List<Trade> a = alerts.stream().filter(x -> x != null).toList();
        List<Trade> b = base.stream().filter(x -> x != null).toList();
        ObjectNode o = RunOutputs.object();
        o.put("alerts", a.size());
        o.put("baseline", b.size());
        o.put("bootstrap_samples", BOOTSTRAP);
        if (a.isEmpty() || b.isEmpty()) {
            o.putNull("hit_rate_diff");
            o.putNull("mean_return_diff");
            return o;
        }
        double[] ah = a.stream().mapToDouble(x -> x.hit() ? 1 : 0).toArray();
        double[] bh = b.stream().mapToDouble(x -> x.hit() ? 1 : 0).toArray();
        double[] ar = a.stream().mapToDouble(Trade::ret).toArray();
        double[] br = b.stream().mapToDouble(Trade::ret).toArray();
        SplittableRandom rnd = new SplittableRandom(seed * 31 + stream);
        double[] dh = new double[BOOTSTRAP];
        double[] dr = new double[BOOTSTRAP];
        for (int i = 0; i < BOOTSTRAP; i++) {
            int[] ia = resample(rnd, a.size());
            int[] ib = resample(rnd, b.size());
            dh[i] = meanAt(ah, ia) - meanAt(bh, ib);
            dr[i] = meanAt(ar, ia) - meanAt(br, ib);
        }
        Arrays.sort(dh);
        Arrays.sort(dr);
        num(o, "hit_rate_diff", mean(ah) - mean(bh));
        ArrayNode ch = o.putArray("hit_rate_diff_ci95");
        ch.add(round(dh[(int) (0.025 * BOOTSTRAP)])).add(round(dh[(int) (0.975 * BOOTSTRAP) - 1]));
        num(o, "mean_return_diff", mean(ar) - mean(br));
        ArrayNode cr = o.putArray("mean_return_diff_ci95");
        cr.add(round(dr[(int) (0.025 * BOOTSTRAP)])).add(round(dr[(int) (0.975 * BOOTSTRAP) - 1]));
        return o;
    }

    static int[] resample(SplittableRandom rnd, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = rnd.nextInt(n);
        }
        return idx;
    }

    static double meanAt(double[] v, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += v[i];
        }
        return s / idx.length;
    }

    /** The job's own paper exits: one position per (symbol, entry_ts); its return is Σ fraction × pnl. */
    ObjectNode paper() {
        Map<String, double[]> pos = new LinkedHashMap<>(); // return, last exit ts, entry ts, worst pnl
        for (JsonNode e : run.exits) {
            String k = key(e.path("entry_ts").asLong(), e.path("symbol").asText());
            double[] p = pos.computeIfAbsent(k, x -> new double[] {0, 0, e.path("entry_ts").asLong(), Double.POSITIVE_INFINITY});
            double pnl = e.path("pnl_pct").asDouble() / 100.0;
            p[0] += e.path("fraction").asDouble(1) * pnl;
            p[1] = Math.max(p[1], e.path("ts").asLong());
            p[3] = Math.min(p[3], pnl);
        }
        ObjectNode o = RunOutputs.object();
        o.put("positions_opened", run.alerts.size());
        o.put("positions_with_exits", pos.size());
        double[] r = pos.values().stream().mapToDouble(p -> p[0]).toArray();
        num(o, "mean_return", mean(r));
        num(o, "median_return", median(r));
        num(o, "worst_exit_return", pos.values().stream().mapToDouble(p -> p[3]).min().orElse(Double.NaN));
        num(o, "median_hours_to_exit", median(pos.values().stream().mapToDouble(p -> hours((long) (p[1] - p[2]))).toArray()));
        putCounts(o.putObject("exits_by_reason"), countBy(run.exits, "reason"));
        return o;
    }

    /** fwd[h][i]: return of scored candidate i over HORIZONS[h], NaN when the run ends before. */
    double[][] forwardReturns(List<Score> scored) {
        double[][] f = new double[HORIZONS.length][scored.size()];
        for (int i = 0; i < scored.size(); i++) {
            Score s = scored.get(i);
            long end = run.lastMinuteClose(s.symbol());
            for (int h = 0; h < HORIZONS.length; h++) {
                long t = s.ts() + HORIZONS[h];
                double p = t <= end ? run.priceAt(s.symbol(), t) : Double.NaN;
                f[h][i] = s.lastPrice() > 0 && p > 0 ? p / s.lastPrice() - 1 : Double.NaN;
            }
        }
        return f;
    }

    ObjectNode byBand(List<Score> scored, double[][] fwd) {
        Map<String, List<Integer>> idx = new TreeMap<>();
        for (int i = 0; i < scored.size(); i++) {
            String b = scored.get(i).band();
            idx.computeIfAbsent(b.isEmpty() ? "NONE" : b, x -> new ArrayList<>()).add(i);
        }
        ObjectNode o = RunOutputs.object();
        idx.forEach((band, ix) -> o.set(band, bucket(ix, scored, fwd)));
        return o;
    }

    ArrayNode byDecile(List<Score> scored, double[][] fwd) {
        Integer[] order = new Integer[scored.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> scored.get(i).score())
                .thenComparingLong(i -> scored.get(i).ts()).thenComparing(i -> scored.get(i).symbol()));
        List<List<Integer>> deciles = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            deciles.add(new ArrayList<>());
        }
        for (int r = 0; r < order.length; r++) {
            deciles.get((int) ((long) r * 10 / order.length)).add(order[r]);
        }
        ArrayNode a = RunOutputs.JSON.createArrayNode();
        for (int d = 0; d < 10; d++) {
            ObjectNode b = bucket(deciles.get(d), scored, fwd);
            b.put("decile", d + 1);
            a.add(b);
        }
        return a;
    }

    ObjectNode bucket(List<Integer> ix, List<Score> scored, double[][] fwd) {
        ObjectNode o = RunOutputs.object();
        o.put("n", ix.size());
        num(o, "score_min", ix.stream().mapToDouble(i -> scored.get(i).score()).min().orElse(Double.NaN));
        num(o, "score_max", ix.stream().mapToDouble(i -> scored.get(i).score()).max().orElse(Double.NaN));
        ObjectNode f = o.putObject("forward_returns");
        for (int h = 0; h < HORIZONS.length; h++) {
            final int hh = h;
            double[] v = ix.stream().mapToDouble(i -> fwd[hh][i]).filter(Double::isFinite).toArray();
            ObjectNode x = f.putObject(HORIZON_NAMES[h]);
            x.put("n", v.length);
            num(x, "mean", mean(v));
            num(x, "median", median(v));
        }
        return o;
    }

    /** Spearman rank correlation of score and forward return per scan tick (≥ 5 candidates), averaged over ticks. */
    ObjectNode rankIc(List<Score> scored, double[][] fwd) {
        ObjectNode o = RunOutputs.object();
        Map<Long, List<Integer>> byTick = new TreeMap<>();
        for (int i = 0; i < scored.size(); i++) {
            byTick.computeIfAbsent(scored.get(i).ts(), t -> new ArrayList<>()).add(i);
        }
        for (int h = 0; h < HORIZONS.length; h++) {
            List<Double> ics = new ArrayList<>();
            for (List<Integer> ix : byTick.values()) {
                final int hh = h;
                List<Integer> ok = ix.stream().filter(i -> Double.isFinite(fwd[hh][i])).toList();
                if (ok.size() >= 5) {
                    double ic = spearman(ok.stream().mapToDouble(i -> scored.get(i).score()).toArray(),
                            ok.stream().mapToDouble(i -> fwd[hh][i]).toArray());
                    if (Double.isFinite(ic)) {
                        ics.add(ic);
                    }
                }
            }
            double[] v = ics.stream().mapToDouble(Double::doubleValue).toArray();
            ObjectNode x = o.putObject(HORIZON_NAMES[h]);
            x.put("ticks", v.length);
            num(x, "mean", mean(v));
            double sd = stdev(v);
            num(x, "t_stat", v.length > 1 && sd > 0 ? mean(v) / (sd / Math.sqrt(v.length)) : Double.NaN);
        }
        return o;
    }

    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** Average ranks (ties share the mean rank). */
    static double[] ranks(double[] v) {
        Integer[] o = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = i;
        }
        Arrays.sort(o, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[o[j + 1]] == v[o[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[o[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double stdev(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** Statistics are written rounded to 8 decimals (stable across platforms' last-bit differences); NaN as null. */
    static void num(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, round(v));
        } else {
            o.putNull(field);
        }
    }

    static double round(double v) {
        return Math.round(v * 1e8) / 1e8;
    }

    static String key(long ts, String symbol) {
        return ts + "|" + symbol;
    }
}
