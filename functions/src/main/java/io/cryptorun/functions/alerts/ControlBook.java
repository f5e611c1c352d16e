package io.cryptorun.functions.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds control commands into the {@link Controls} in force at a time: commands with time ≤ t in
 * (time, seq) order; mute/allow/deny add an entry with its TTL, the un-commands remove matching
 * entries. Pure, independent of the order the commands arrived in.
 */
public final class ControlBook {
    private ControlBook() {}

    public static Controls at(long t, Iterable<ControlCommand> commands) {
        List<ControlCommand> applicable = new ArrayList<>();
        for (ControlCommand c : commands) {
            if (c.tsMicros() <= t && c.problem() == null) {
                applicable.add(c);
            }
        }
        applicable.sort(Comparator.comparingLong(ControlCommand::tsMicros).thenComparingLong(ControlCommand::seq));
        List<Mute> mutes = new ArrayList<>();
        List<ListEntry> allow = new ArrayList<>();
        List<ListEntry> deny = new ArrayList<>();
        for (ControlCommand c : applicable) {
            Mute.Kind kind = ControlCommand.SCOPE_CHANNEL.equals(c.scope()) ? Mute.Kind.CHANNEL : Mute.Kind.SYMBOL;
            switch (c.action()) {
                case ControlCommand.MUTE -> mutes.add(new Mute(kind, c.target(), c.expiresMicros()));
                case ControlCommand.UNMUTE -> mutes.removeIf(m -> m.kind() == kind && m.target().equals(c.target()));
                case ControlCommand.ALLOW -> allow.add(new ListEntry(c.target(), c.expiresMicros()));
                case ControlCommand.UNALLOW -> allow.removeIf(e -> e.symbol().equals(c.target()));
                case ControlCommand.DENY -> deny.add(new ListEntry(c.target(), c.expiresMicros()));
                case ControlCommand.UNDENY -> deny.removeIf(e -> e.symbol().equals(c.target()));
                default -> throw new IllegalStateException("validated above: " + c.action());
            }
        }
        return new Controls(mutes, allow, deny);
    }
}
