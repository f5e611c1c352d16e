package io.cryptorun.simulator;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * 1h bars of the history period, aggregated from the model's minutes as trades would have printed
 * them: open and close are trade prices (mid ± half spread), high and low the extremes of a Brownian
 * bridge sampled inside each minute widened by the half spread, volume and trade count the minute
 * sums, VWAP the volume-weighted minute mean mid. Rows come sorted by (open time, symbol).
 */
final class HistoryBuilder {
    /** Interior points sampled per minute to find its high and low. */
    private static final int BRIDGE_POINTS = 4;
    static final String HEADER = "venue,symbol,interval,open_time,open,high,low,close,volume,trades,vwap";

    private HistoryBuilder() {}

    static List<Bar> build(MarketModel model) {
        List<Integer> bySymbol = new ArrayList<>();
        for (int i = 0; i < model.paths.length; i++) bySymbol.add(i);
        bySymbol.sort(Comparator.comparing(i -> model.paths[i].spec.symbol()));
        List<Bar> bars = new ArrayList<>();
        int hours = model.startMinute / 60;
        for (int h = 0; h < hours; h++) {
            for (int i : bySymbol) {
                bars.add(bar(model, model.paths[i], h));
            }
        }
        return bars;
    }

    private static Bar bar(MarketModel model, MarketModel.SymbolPath p, int hourIndex) {
        InstrumentSpec spec = p.spec;
        int k0 = hourIndex * 60;
        long openMicros = model.minuteStart(k0);
        Rng r = Rng.of(model.cfg.seed(), Rng.HISTORY, Rng.hash(spec.symbol()), Math.floorDiv(openMicros, Times.HOUR));
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        BigInteger pv = BigInteger.ZERO;
        long volume = 0;
        long trades = 0;
        double[] x = new double[BRIDGE_POINTS + 2];
        for (int k = k0; k < k0 + 60; k++) {
            x[0] = p.logMid[k];
            x[x.length - 1] = p.logMid[k + 1];
            double var = p.sigma[k] * p.sigma[k];
            for (int j = 1; j <= BRIDGE_POINTS; j++) {
                // Brownian bridge in minute fractions: step 1/(n+1), pulled towards the minute close
                double t = j / (double) (BRIDGE_POINTS + 1);
                double dt = 1.0 / (BRIDGE_POINTS + 1);
                double remaining = 1 - (t - dt);
                double mean = x[j - 1] + dt / remaining * (x[x.length - 1] - x[j - 1]);
                double sd = Math.sqrt(var * dt * (1 - t) / remaining);
                x[j] = mean + sd * r.gaussian();
            }
            double sum = 0;
            for (double v : x) {
                hi = Math.max(hi, v);
                lo = Math.min(lo, v);
                sum += v;
            }
            if (p.volume[k] > 0) {
                long typical = Math.round(StrictMath.exp(sum / x.length) * spec.priceUnits());
                pv = pv.add(BigInteger.valueOf(typical).multiply(BigInteger.valueOf(p.volume[k])));
                volume += p.volume[k];
                trades += p.trades[k];
            }
        }
        double halfSpread = spec.spreadBps() * p.spreadMult[k0 + 30] / 2 / 10_000;
        long open = price(spec, StrictMath.exp(p.logMid[k0]) * (1 + (r.chance(0.5) ? halfSpread : -halfSpread)));
        long close = price(spec, StrictMath.exp(p.logMid[k0 + 60]) * (1 + (r.chance(0.5) ? halfSpread : -halfSpread)));
        long high = Math.max(price(spec, StrictMath.exp(hi) * (1 + halfSpread)), Math.max(open, close));
        long low = Math.min(price(spec, StrictMath.exp(lo) * (1 - halfSpread)), Math.min(open, close));
        int ps = spec.pricePrecision();
        Decimal vwap;
        if (volume == 0) {
            // an hour without a single trade would be a gap in the bar series; print one minimum-size trade at the close
            volume = spec.qtyMin();
            trades = 1;
            vwap = Decimal.of(close * 10_000, ps + 4);
        } else {
            BigDecimal v = new BigDecimal(pv, ps).divide(new BigDecimal(BigInteger.valueOf(volume)), ps + 4, RoundingMode.HALF_EVEN);
            vwap = Decimal.of(v.unscaledValue().longValueExact(), ps + 4);
            long lowScaled = low * 10_000;
            long highScaled = high * 10_000;
            if (vwap.unscaled() < lowScaled) vwap = Decimal.of(lowScaled, ps + 4);
            if (vwap.unscaled() > highScaled) vwap = Decimal.of(highScaled, ps + 4);
        }
        return new Bar(KrakenV2Parser.VENUE, spec.symbol(), Bar.H1, openMicros, Decimal.of(open, ps), Decimal.of(high, ps),
                Decimal.of(low, ps), Decimal.of(close, ps), Decimal.of(volume, spec.qtyPrecision()), trades, vwap,
                Bar.ORIGIN_HISTORY);
    }

    private static long price(InstrumentSpec spec, double usd) {
        return Math.max(1, Math.round(usd * spec.priceUnits()));
    }

    /** One CSV row, numbers as plain decimals at their scales. */
    static String csvRow(Bar b) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(b.venue()).append(',').append(b.symbol()).append(',').append(b.interval()).append(',')
                .append(Times.seconds(b.openTimeMicros())).append(',')
                .append(b.open().toPlainString()).append(',').append(b.high().toPlainString()).append(',')
                .append(b.low().toPlainString()).append(',').append(b.close().toPlainString()).append(',')
                .append(b.volume().toPlainString()).append(',').append(b.trades()).append(',')
                .append(b.vwap().toPlainString());
        return sb.toString();
    }
}
