package io.cryptorun.functions.universe;

import io.cryptorun.functions.indicators.VadrTiers;
import io.cryptorun.functions.micro.Microstructure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One symbol's place in the scanned universe from {@code tickMicros} on (SPEC §4, §5, §11
 * {@code universe}): eligible or why not, the 24h ADV and its VADR tier, and the venues with a
 * valid, fresh book. {@link IndicatorFunction} emits one only when any of this changes (so at most
 * once a scan tick, in practice once an hour per symbol when its ADV moves with a closed 1h bar), and
 * the state at any time T is the newest entry per symbol with {@code tickMicros ≤ T}
 * ({@link io.cryptorun.functions.eligibility.UniverseView}).
 *
 * @param tickMicros  the scan tick from which this holds
 * @param reason      null when eligible, else the first exclusion of {@link AssetSnapshot#ineligibleReason()}
 * @param adv24hUsd   24h ADV in USD (NaN while unknown)
 * @param advTier     the ADV tier of {@link VadrTiers#tierOf}: {@code large}, {@code mid}, {@code small},
 *                    {@code ineligible}
 * @param vadrMinimum the VADR minimum of that tier (NaN when ineligible)
 * @param vadr        the symbol's VADR at the tick (NaN while undefined)
 * @param vadrBars    1h bars in VADR's short window
 * @param venues      venues with a valid book no older than the configured age at the tick, in name order
 * @param bestVenue   the best of them (lowest spread, then deepest), null when none
 */
public record UniverseEntry(String symbol, long tickMicros, String reason, double adv24hUsd, String advTier,
        double vadrMinimum, double vadr, int vadrBars, String[] venues, String bestVenue) {

    public boolean eligible() {
        return reason == null;
    }

    /** The entry of a snapshot and the venues' latest microstructure at its tick. */
    public static UniverseEntry of(AssetSnapshot s, List<Microstructure> latestByVenue, UniverseConfig cfg, VadrTiers tiers) {
        List<String> valid = new ArrayList<>();
        for (Microstructure m : latestByVenue) {
            if (Universe.usable(m, s.tickMicros(), cfg)) {
                valid.add(m.venue());
            }
        }
        String[] venues = valid.toArray(new String[0]);
        Arrays.sort(venues);
        return new UniverseEntry(s.symbol(), s.tickMicros(), s.ineligibleReason(), s.adv24hUsd(),
                tiers.tierOf(s.adv24hUsd()).name().toLowerCase(java.util.Locale.ROOT), tiers.minimumFor(s.adv24hUsd()),
                s.vadr(), s.vadrBars(), venues, s.best() == null ? null : s.best().venue());
    }

    /** Same state apart from the tick: no new entry is due. */
    public boolean sameStateAs(UniverseEntry o) {
        return o != null && symbol.equals(o.symbol) && Objects.equals(reason, o.reason)
                && Double.compare(adv24hUsd, o.adv24hUsd) == 0 && advTier.equals(o.advTier)
                && Double.compare(vadrMinimum, o.vadrMinimum) == 0 && Double.compare(vadr, o.vadr) == 0
                && vadrBars == o.vadrBars && Arrays.equals(venues, o.venues) && Objects.equals(bestVenue, o.bestVenue);
    }
}
