package io.cryptorun.functions.regime;

import io.cryptorun.functions.indicators.Ema;
import io.cryptorun.functions.universe.FourHourMark;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * The universe-wide regime at each 4h close (SPEC §6): realized vol 7d of the regime asset
 * (BTC/USD), breadth = fraction of the universe with 4h close &gt; MA20, thrust = EMA10 of the
 * advancing fraction over 4h bars, then {@link RegimeVote}. Pure; state through {@link #write} / {@link #read}.
 *
 * <p>Choices the SPEC leaves open (docs/REGIME.md): the universe of breadth is every USD pair with a
 * 4h bar at that close (eligibility by ADV is a scoring matter); a missing indicator (regime asset
 * absent, MA20 or thrust still warming up) is NaN and votes CHOPPY.
 */
public final class RegimeTracker {
    private final RegimeConfig config;
    private final String regimeAsset;
    private final RegimeVote vote;
    private final Ema thrust;

    public RegimeTracker(RegimeConfig config, String regimeAsset) {
        this(config, regimeAsset, new RegimeVote(config), new Ema(config.thrustEmaPeriod()));
    }

    private RegimeTracker(RegimeConfig config, String regimeAsset, RegimeVote vote, Ema thrust) {
        this.config = config;
        this.regimeAsset = regimeAsset;
        this.vote = vote;
        this.thrust = thrust;
    }

    /** Votes on the marks of one 4h close (any order; sorted by symbol here). */
    public RegimeSnapshot onClose(long closeMicros, List<FourHourMark> marks) {
        List<FourHourMark> sorted = marks.stream().sorted(Comparator.comparing(FourHourMark::symbol)).toList();
        BreadthTally tally = new BreadthTally();
        double rv = Double.NaN;
        for (FourHourMark m : sorted) {
            if (m.symbol().equals(regimeAsset)) {
                rv = m.realizedVol7d();
            }
            if (m.inUniverse()) {
                tally.observe(m.close(), m.ma20(), m.previousClose());
            }
        }
        double advancing = tally.advancingFraction();
        if (!Double.isNaN(advancing)) {
            thrust.update(advancing);
        }
        return vote.vote(closeMicros, rv, tally.breadth(), thrust.value());
    }

    public Regime current() {
        return vote.current();
    }

    public void write(DataOutput out) throws IOException {
        out.writeByte(vote.current().ordinal());
        out.writeByte(vote.lastWinner() == null ? -1 : vote.lastWinner().ordinal());
        out.writeInt(vote.streak());
        thrust.write(out);
    }

    public static RegimeTracker read(DataInput in, RegimeConfig config, String regimeAsset) throws IOException {
        Regime current = Regime.values()[in.readByte()];
        int w = in.readByte();
        int streak = in.readInt();
        RegimeVote vote = new RegimeVote(config, current, w < 0 ? null : Regime.values()[w], streak);
        return new RegimeTracker(config, regimeAsset, vote, Ema.read(in));
    }
}
