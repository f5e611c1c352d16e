package io.cryptorun.functions.alerts;

/** Result of one update: the position afterwards (null once fully closed) and at most one exit (null if none). */
public record PaperStep(PaperPosition position, PaperExit exit) {
    public boolean closed() {
        return position == null;
    }
}
