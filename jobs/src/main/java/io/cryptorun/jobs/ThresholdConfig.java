package io.cryptorun.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cryptorun.functions.alerts.PaperConfig;
import io.cryptorun.functions.alerts.ThrottleConfig;
import io.cryptorun.functions.gates.GateConfig;
import io.cryptorun.functions.indicators.VadrTiers;
import io.cryptorun.functions.math.Threshold;
import io.cryptorun.functions.micro.MicrostructureCalculator;
import io.cryptorun.functions.regime.RegimeConfig;
import io.cryptorun.functions.scoring.ScoringConfig;
import io.cryptorun.functions.universe.UniverseConfig;
import io.cryptorun.jobs.settings.InvalidSettingsException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every SPEC §5–§9 threshold, and the §4/§5 ADV eligibility ({@code universe.min_adv_usd}), as configuration: the {@code thresholds:} section of
 * {@code config/cryptorun.yaml}, defaults = the SPEC ({@link AnalyticsSettings#defaults()}).
 * Values are read as exact decimals (a YAML number's text, never through a double), validated at
 * start — one {@link InvalidSettingsException} naming key, value and what is allowed — and
 * listed by {@link #describe} for {@code summary.json} ({@code settings}) and the Flink web UI
 * (global job parameters).
 *
 * <p>A threshold keeps at most 15 significant digits: the analytics configs carry it as a
 * {@code double}, and {@link Threshold#decimal(double)} recovers exactly the decimal written here.
 */
public final class ThresholdConfig {
    public static final String SECTION = "thresholds";
    private static final long HOUR = ThrottleConfig.HOUR;
    private static final BigDecimal MICROS_PER_S = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MICROS_PER_H = BigDecimal.valueOf(HOUR);

    private ThresholdConfig() {}

    /** One key's rule: a predicate on the decimal and how to say what is allowed. */
    private record Rule(String allowed, java.util.function.Predicate<BigDecimal> ok) {}

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        Rule positive = new Rule("must be a decimal > 0", v -> v.signum() > 0);
        Rule nonNegative = new Rule("must be a decimal ≥ 0", v -> v.signum() >= 0);
        Rule anyDecimal = new Rule("must be a decimal", v -> true);
        Rule fraction = new Rule("must be a decimal in [0, 1]", v -> v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0);
        Rule percent = new Rule("must be a decimal in [0, 100]", v -> v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(100)) <= 0);
        Rule score = new Rule("must be a decimal in [0, 110]", v -> v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(110)) <= 0);
        Rule count = new Rule("must be a whole number ≥ 0", v -> v.signum() >= 0 && isWhole(v));
        Rule positiveCount = new Rule("must be a whole number ≥ 1", v -> v.signum() > 0 && isWhole(v));
        RULES.put("universe.min_adv_usd", new Rule("must be a decimal ≥ 0 (USD)", v -> v.signum() >= 0));
        RULES.put("gates.max_signal_bar_age_bars", positive);
        RULES.put("gates.max_price_drift_atr", positive);
        RULES.put("gates.fatigue_return_24h", anyDecimal);
        RULES.put("gates.fatigue_rsi_4h", percent);
        RULES.put("gates.fatigue_acceleration_exempt", anyDecimal);
        RULES.put("gates.max_late_fill_s", new Rule("must be a decimal ≥ 0 with at most 6 decimals (whole µs)",
                v -> v.signum() >= 0 && v.stripTrailingZeros().scale() <= 6));
        RULES.put("gates.max_spread_bps", positive);
        RULES.put("gates.min_depth_usd", new Rule("must be a decimal ≥ 0 with at most "
                + MicrostructureCalculator.DEPTH_SCALE + " decimals (the depth's exact precision)",
                v -> v.signum() >= 0 && v.stripTrailingZeros().scale() <= MicrostructureCalculator.DEPTH_SCALE));
        RULES.put("gates.min_vadr_bars", new Rule("must be a whole number in [1, 24]",
                v -> isWhole(v) && v.signum() > 0 && v.compareTo(BigDecimal.valueOf(24)) <= 0));
        RULES.put("gates.min_score", score);
        RULES.put("gates.vadr_large_adv_usd", positive);
        RULES.put("gates.vadr_large_min", positive);
        RULES.put("gates.vadr_mid_adv_usd", positive);
        RULES.put("gates.vadr_mid_min", positive);
        RULES.put("gates.vadr_small_adv_usd", positive);
        RULES.put("gates.vadr_small_min", positive);
        RULES.put("regime.realized_vol_high_vol", positive);
        RULES.put("regime.breadth_bull", fraction);
        RULES.put("regime.breadth_high_vol", fraction);
        RULES.put("regime.breadth_high_vol_min_rv", positive);
        RULES.put("regime.thrust_bull", fraction);
        RULES.put("regime.thrust_high_vol", fraction);
        RULES.put("regime.switch_confirmations", positiveCount);
        RULES.put("scoring.band_strong", score);
        RULES.put("scoring.band_moderate", score);
        RULES.put("scoring.band_watch", score);
        RULES.put("alerts.max_per_hour", count);
        RULES.put("alerts.max_per_hour_high_vol", count);
        RULES.put("alerts.max_per_day", count);
        RULES.put("alerts.cooldown_h", new Rule("must be a decimal ≥ 0 (hours, whole µs)",
                v -> v.signum() >= 0 && isWhole(v.multiply(MICROS_PER_H))));
        RULES.put("alerts.cooldown_score_rise", nonNegative);
        RULES.put("paper.hard_stop_atr", positive);
        RULES.put("paper.trailing_atr", positive);
        RULES.put("paper.trailing_after_h", new Rule("must be a decimal ≥ 0 (hours, whole µs)",
                v -> v.signum() >= 0 && isWhole(v.multiply(MICROS_PER_H))));
        RULES.put("paper.max_hold_h", new Rule("must be a decimal > 0 (hours, whole µs)",
                v -> v.signum() > 0 && isWhole(v.multiply(MICROS_PER_H))));
        RULES.put("paper.target_1", positive);
        RULES.put("paper.target_2", positive);
        RULES.put("paper.target_3", positive);
    }

    private static boolean isWhole(BigDecimal v) {
        return v.stripTrailingZeros().scale() <= 0;
    }

    /** The settings of {@code base} with the {@code thresholds:} of {@code configFile} (absent file or section: {@code base}). */
    public static AnalyticsSettings load(Path configFile, AnalyticsSettings base) throws IOException {
        if (configFile == null || !Files.isRegularFile(configFile)) {
            return base;
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
        JsonNode t = root == null ? null : root.get(SECTION);
        if (t == null || t.isNull()) {
            return base;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = t.fields(); sections.hasNext();) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (!section.getValue().isObject()) {
                throw new InvalidSettingsException(SECTION + "." + section.getKey(), section.getValue().asText(),
                        "must be a section (universe, gates, regime, scoring, alerts, paper)");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> k = keys.next();
                given.put(section.getKey() + "." + k.getKey(), k.getValue().isValueNode() ? k.getValue().asText() : k.getValue().toString());
            }
        }
        return apply(base, given);
    }

    /** {@code base} with {@code values} (keys without the {@code thresholds.} prefix), validated. */
    public static AnalyticsSettings apply(AnalyticsSettings base, Map<String, String> values) {
        Map<String, BigDecimal> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : describe(base).entrySet()) {
            v.put(e.getKey().substring(SECTION.length() + 1), new BigDecimal(e.getValue()));
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = SECTION + "." + e.getKey();
            Rule rule = RULES.get(e.getKey());
            if (rule == null) {
                throw new InvalidSettingsException(key, e.getValue(), "unknown threshold; known: " + String.join(", ", RULES.keySet()));
            }
            BigDecimal d;
            try {
                d = new BigDecimal(e.getValue().trim());
            } catch (NumberFormatException notANumber) {
                throw new InvalidSettingsException(key, e.getValue(), rule.allowed());
            }
            if (!rule.ok().test(d)) {
                throw new InvalidSettingsException(key, e.getValue(), rule.allowed());
            }
            if (d.stripTrailingZeros().precision() > Threshold.DOUBLE_DECIMAL_DIGITS) {
                throw new InvalidSettingsException(key, e.getValue(), "must have at most 15 significant digits");
            }
            v.put(e.getKey(), d);
        }
        return build(base, v);
    }

    private static AnalyticsSettings build(AnalyticsSettings base, Map<String, BigDecimal> v) {
        GateConfig g = base.gates();
        VadrTiers tiers = construct("gates.vadr_small_adv_usd", v, "ADV tiers must satisfy 0 < small < mid < large",
                () -> new VadrTiers(d(v, "gates.vadr_large_adv_usd"), d(v, "gates.vadr_large_min"),
                        d(v, "gates.vadr_mid_adv_usd"), d(v, "gates.vadr_mid_min"), d(v, "gates.vadr_small_adv_usd"),
                        d(v, "gates.vadr_small_min")));
        GateConfig gates = new GateConfig(g.barMicros(), d(v, "gates.max_signal_bar_age_bars"),
                d(v, "gates.max_price_drift_atr"), d(v, "gates.fatigue_return_24h"), d(v, "gates.fatigue_rsi_4h"),
                d(v, "gates.fatigue_acceleration_exempt"),
                v.get("gates.max_late_fill_s").multiply(MICROS_PER_S).longValueExact(), d(v, "gates.max_spread_bps"),
                d(v, "gates.min_depth_usd"), v.get("gates.min_vadr_bars").intValueExact(), tiers, d(v, "gates.min_score"));
        RegimeConfig r = base.regime();
        RegimeConfig regime = construct("regime.breadth_high_vol", v,
                "need breadth_high_vol < breadth_bull and thrust_high_vol < thrust_bull",
                () -> new RegimeConfig(d(v, "regime.realized_vol_high_vol"), d(v, "regime.breadth_bull"),
                        d(v, "regime.breadth_high_vol"), d(v, "regime.breadth_high_vol_min_rv"), d(v, "regime.thrust_bull"),
                        d(v, "regime.thrust_high_vol"), v.get("regime.switch_confirmations").intValueExact(),
                        r.realizedVolReturns(), r.periodsPerYear(), r.breadthMaPeriod(), r.thrustEmaPeriod()));
        ScoringConfig s = base.scoring();
        if (!(v.get("scoring.band_strong").compareTo(v.get("scoring.band_moderate")) > 0
                && v.get("scoring.band_moderate").compareTo(v.get("scoring.band_watch")) > 0)) {
            throw new InvalidSettingsException(SECTION + ".scoring.band_moderate", v.get("scoring.band_moderate").toPlainString(),
                    "bands must satisfy band_strong > band_moderate > band_watch");
        }
        ScoringConfig scoring = new ScoringConfig(s.winsorLimit(), s.minAssetsForResidualization(), s.socialCap(),
                s.scoreMin(), s.scoreMax(), d(v, "scoring.band_strong"), d(v, "scoring.band_moderate"),
                d(v, "scoring.band_watch"), s.regimes());
        ThrottleConfig t = base.throttle();
        ThrottleConfig throttle = new ThrottleConfig(t.hourMicros(), t.dayMicros(),
                v.get("alerts.max_per_hour").intValueExact(), v.get("alerts.max_per_hour_high_vol").intValueExact(),
                v.get("alerts.max_per_day").intValueExact(), v.get("alerts.cooldown_h").multiply(MICROS_PER_H).longValueExact(),
                d(v, "alerts.cooldown_score_rise"), t.highVolRegime());
        PaperConfig p = base.paper();
        PaperConfig paper = construct("paper.target_2", v, "targets must ascend: target_1 < target_2 < target_3",
                () -> new PaperConfig(d(v, "paper.hard_stop_atr"), p.maxUnhealthySpreadBps(),
                        v.get("paper.max_hold_h").multiply(MICROS_PER_H).longValueExact(), p.accelerationReversal(),
                        p.momentumFadeScore(), d(v, "paper.trailing_atr"),
                        v.get("paper.trailing_after_h").multiply(MICROS_PER_H).longValueExact(),
                        new double[] {d(v, "paper.target_1"), d(v, "paper.target_2"), d(v, "paper.target_3")},
                        p.targetFractions()));
        UniverseConfig u = base.universe();
        UniverseConfig universe = new UniverseConfig(d(v, "universe.min_adv_usd"), u.stablecoinQuotesAsUsd(),
                u.includeStablecoins(), u.stablecoins(), u.venuePriority(), u.maxBookAgeMicros());
        return new AnalyticsSettings(universe, regime, base.regimeAsset(), scoring, gates, throttle, paper,
                base.channels());
    }

    private static <T> T construct(String key, Map<String, BigDecimal> v, String allowed, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(SECTION + "." + key, v.get(key).toPlainString(), allowed);
        }
    }

    private static double d(Map<String, BigDecimal> v, String key) {
        return v.get(key).doubleValue();
    }

    /**
     * Every threshold of {@code s} as {@code thresholds.<section>.<name>} → exact decimal text, in
     * a fixed order: {@code summary.json} {@code settings} and the job's global parameters.
     */
    public static Map<String, String> describe(AnalyticsSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "universe.min_adv_usd", s.universe().minAdvUsd());
        GateConfig g = s.gates();
        put(m, "gates.max_signal_bar_age_bars", g.maxSignalBarAgeBars());
        put(m, "gates.max_price_drift_atr", g.maxPriceDriftAtr());
        put(m, "gates.fatigue_return_24h", g.fatigueReturn24h());
        put(m, "gates.fatigue_rsi_4h", g.fatigueRsi4h());
        put(m, "gates.fatigue_acceleration_exempt", g.fatigueAccelerationExempt());
        m.put(SECTION + ".gates.max_late_fill_s", plain(BigDecimal.valueOf(g.maxLateFillMicros()).divide(MICROS_PER_S)));
        put(m, "gates.max_spread_bps", g.maxSpreadBps());
        put(m, "gates.min_depth_usd", g.minDepthUsd());
        m.put(SECTION + ".gates.min_vadr_bars", Integer.toString(g.minVadrBars()));
        put(m, "gates.min_score", g.minScore());
        VadrTiers t = g.vadrTiers();
        put(m, "gates.vadr_large_adv_usd", t.largeAdvUsd());
        put(m, "gates.vadr_large_min", t.largeMinimum());
        put(m, "gates.vadr_mid_adv_usd", t.midAdvUsd());
        put(m, "gates.vadr_mid_min", t.midMinimum());
        put(m, "gates.vadr_small_adv_usd", t.smallAdvUsd());
        put(m, "gates.vadr_small_min", t.smallMinimum());
        RegimeConfig r = s.regime();
        put(m, "regime.realized_vol_high_vol", r.realizedVolHighVol());
        put(m, "regime.breadth_bull", r.breadthBull());
        put(m, "regime.breadth_high_vol", r.breadthHighVol());
        put(m, "regime.breadth_high_vol_min_rv", r.breadthHighVolMinRv());
        put(m, "regime.thrust_bull", r.thrustBull());
        put(m, "regime.thrust_high_vol", r.thrustHighVol());
        m.put(SECTION + ".regime.switch_confirmations", Integer.toString(r.switchConfirmations()));
        ScoringConfig sc = s.scoring();
        put(m, "scoring.band_strong", sc.strongMin());
        put(m, "scoring.band_moderate", sc.moderateMin());
        put(m, "scoring.band_watch", sc.watchMin());
        ThrottleConfig th = s.throttle();
        m.put(SECTION + ".alerts.max_per_hour", Integer.toString(th.maxPerHour()));
        m.put(SECTION + ".alerts.max_per_hour_high_vol", Integer.toString(th.maxPerHourHighVol()));
        m.put(SECTION + ".alerts.max_per_day", Integer.toString(th.maxPerDay()));
        m.put(SECTION + ".alerts.cooldown_h", plain(BigDecimal.valueOf(th.cooldownMicros()).divide(MICROS_PER_H)));
        put(m, "alerts.cooldown_score_rise", th.cooldownScoreRise());
        PaperConfig p = s.paper();
        put(m, "paper.hard_stop_atr", p.hardStopAtr());
        put(m, "paper.trailing_atr", p.trailingAtr());
        m.put(SECTION + ".paper.trailing_after_h", plain(BigDecimal.valueOf(p.trailingAfterMicros()).divide(MICROS_PER_H)));
        m.put(SECTION + ".paper.max_hold_h", plain(BigDecimal.valueOf(p.maxHoldMicros()).divide(MICROS_PER_H)));
        double[] targets = p.targets();
        for (int i = 0; i < targets.length; i++) {
            put(m, "paper.target_" + (i + 1), targets[i]);
        }
        return m;
    }

    private static void put(Map<String, String> m, String key, double value) {
        m.put(SECTION + "." + key, plain(Threshold.decimal(value)));
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
