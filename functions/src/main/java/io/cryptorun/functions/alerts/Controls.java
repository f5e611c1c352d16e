package io.cryptorun.functions.alerts;

import java.util.List;

/**
 * The control-topic state that applies to one user/channel (the operator resolves it from
 * broadcast state). Expired entries are ignored, so the holder may prune them lazily.
 *
 * <p>Allow list: when it has at least one active entry, only those symbols may alert. Deny list:
 * an active entry suppresses the symbol, and wins over the allow list.
 */
public record Controls(List<Mute> mutes, List<ListEntry> allow, List<ListEntry> deny) {
    public static final Controls NONE = new Controls(List.of(), List.of(), List.of());

    public Controls {
        mutes = List.copyOf(mutes);
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    boolean mutedSymbol(String symbol, long t) {
        return mutes.stream().anyMatch(m -> m.kind() == Mute.Kind.SYMBOL && m.target().equals(symbol) && m.activeAt(t));
    }

    boolean mutedChannel(String channel, long t) {
        return mutes.stream().anyMatch(m -> m.kind() == Mute.Kind.CHANNEL && m.target().equals(channel) && m.activeAt(t));
    }

    public boolean denied(String symbol, long t) {
        return deny.stream().anyMatch(e -> e.symbol().equals(symbol) && e.activeAt(t));
    }

    /** True when an active allow list exists and does not contain {@code symbol}. */
    public boolean notAllowed(String symbol, long t) {
        boolean anyActive = allow.stream().anyMatch(e -> e.activeAt(t));
        return anyActive && allow.stream().noneMatch(e -> e.symbol().equals(symbol) && e.activeAt(t));
    }
}
