package io.cryptorun.functions.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.universe.UniverseEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniverseViewTest {
    static final long T = 1_736_121_600_000_000L;

    static UniverseEntry entry(String symbol, long tick, String reason) {
        return new UniverseEntry(symbol, tick, reason, 2_000_000, "mid", 1.80, 1.2, 24, new String[] {"kraken"}, "kraken");
    }

    static ControlCommand cmd(long ts, long seq, String action, String target, long ttl) {
        return new ControlCommand(ts, seq, action, ControlCommand.SCOPE_SYMBOL, target, ttl, "desk");
    }

    @Test
    void theNewestEntryAtOrBeforeTheTimeHolds() {
        List<UniverseEntry> entries = List.of(entry("SOL/USD", T + 60, "no_valid_book"), entry("SOL/USD", T, null),
                entry("ETH/USD", T + 61, null));
        // exactly at the change: the new entry; one microsecond before: the old one; ETH not yet known
        assertThat(UniverseView.at(T + 60, entries, List.of())).extracting(r -> r.entry().symbol(), r -> r.entry().reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SOL/USD", "no_valid_book"));
        assertThat(UniverseView.at(T + 59, entries, List.of())).extracting(r -> r.entry().reason()).containsExactly((String) null);
        assertThat(UniverseView.at(T - 1, entries, List.of())).isEmpty();
        // name order, whatever the input order
        assertThat(UniverseView.at(T + 61, entries, List.of())).extracting(r -> r.entry().symbol())
                .containsExactly("ETH/USD", "SOL/USD");
    }

    @Test
    void denyWinsOverAllowAndExpiresWithItsTtl() {
        List<UniverseEntry> entries = List.of(entry("SOL/USD", T, null), entry("ETH/USD", T, null), entry("BTC/USD", T, null));
        List<ControlCommand> commands = List.of(cmd(T, 0, ControlCommand.ALLOW, "SOL/USD", 0),
                cmd(T, 1, ControlCommand.ALLOW, "ETH/USD", 0), cmd(T, 2, ControlCommand.DENY, "ETH/USD", 100));
        assertThat(UniverseView.at(T, entries, commands)).extracting(UniverseView.Row::list)
                .containsExactly(UniverseView.NOT_ALLOWED, UniverseView.DENIED, UniverseView.ALLOWED); // BTC, ETH, SOL
        // the deny entry is active while t < ts + ttl
        assertThat(UniverseView.at(T + 99, entries, commands).get(1).list()).isEqualTo(UniverseView.DENIED);
        assertThat(UniverseView.at(T + 100, entries, commands).get(1).list()).isEqualTo(UniverseView.ALLOWED);
        // a command later than the time does not count yet
        assertThat(UniverseView.at(T - 1, List.of(entry("BTC/USD", T - 1, null)), commands).get(0).list())
                .isEqualTo(UniverseView.NONE);
    }

    @Test
    void sameStateIgnoresOnlyTheTick() {
        UniverseEntry a = entry("SOL/USD", T, null);
        assertThat(a.sameStateAs(entry("SOL/USD", T + 60, null))).isTrue();
        assertThat(a.sameStateAs(entry("SOL/USD", T, "adv_below_min"))).isFalse();
        assertThat(a.sameStateAs(new UniverseEntry("SOL/USD", T, null, 2_000_000, "mid", 1.80, 1.2, 24,
                new String[] {"coinbase", "kraken"}, "kraken"))).isFalse();
        assertThat(a.sameStateAs(new UniverseEntry("SOL/USD", T, null, Math.nextUp(2_000_000.0), "mid", 1.80, 1.2, 24,
                new String[] {"kraken"}, "kraken"))).isFalse();
        assertThat(a.sameStateAs(null)).isFalse();
    }
}
