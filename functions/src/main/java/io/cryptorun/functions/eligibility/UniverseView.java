package io.cryptorun.functions.eligibility;

import io.cryptorun.functions.alerts.ControlBook;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.alerts.Controls;
import io.cryptorun.functions.universe.UniverseEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The universe as the scanner knew it at a time T (what {@code cryptorun universe --at T} prints):
 * per symbol the newest {@link UniverseEntry} with tick ≤ T, and the allow/deny state the control
 * commands with time ≤ T put in force ({@link ControlBook}). Pure; symbols in name order.
 */
public final class UniverseView {
    /** The symbol is on an active allow list. */
    public static final String ALLOWED = "allowed";
    /** An active deny entry: the symbol never alerts (wins over allow). */
    public static final String DENIED = "denied";
    /** An active allow list exists without the symbol: it does not alert. */
    public static final String NOT_ALLOWED = "not_allowed";
    /** No list applies. */
    public static final String NONE = "-";

    /** One symbol at T: its universe entry and its allow/deny state. */
    public record Row(UniverseEntry entry, String list) {}

    private UniverseView() {}

    public static List<Row> at(long t, Iterable<UniverseEntry> entries, Iterable<ControlCommand> commands) {
        Map<String, UniverseEntry> latest = new TreeMap<>();
        for (UniverseEntry e : entries) {
            if (e.tickMicros() > t) continue;
            UniverseEntry old = latest.get(e.symbol());
            if (old == null || old.tickMicros() < e.tickMicros()) latest.put(e.symbol(), e);
        }
        Controls controls = ControlBook.at(t, commands);
        List<Row> out = new ArrayList<>(latest.size());
        for (UniverseEntry e : latest.values()) {
            out.add(new Row(e, listState(controls, e.symbol(), t)));
        }
        return out;
    }

    static String listState(Controls c, String symbol, long t) {
        if (c.denied(symbol, t)) return DENIED;
        if (c.notAllowed(symbol, t)) return NOT_ALLOWED;
        return c.allow().stream().anyMatch(e -> e.symbol().equals(symbol) && e.activeAt(t)) ? ALLOWED : NONE;
    }
}
