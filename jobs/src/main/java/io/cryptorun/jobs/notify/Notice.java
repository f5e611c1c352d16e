package io.cryptorun.jobs.notify;

import java.util.Objects;

/**
 * One message for one destination: an alert or an exit line from {@code cryptorun.alerts} /
 * {@code cryptorun.exits}, fanned out to a channel. A Flink POJO (the async operator keeps the
 * in-flight ones in its checkpoints).
 */
public class Notice {
    public static final String ALERT = "alert";
    public static final String EXIT = "exit";

    /** Destination id, e.g. {@code slack:desk} (the ledger's channel); null before fan-out. */
    public String destination;
    /** Ledger id (see {@link NoticeIds}). */
    public String id;
    /** {@link #ALERT} or {@link #EXIT}. */
    public String kind;
    public String symbol;
    /** Event time, epoch µs. */
    public long tsMicros;
    /** The topic's JSON line as it is. */
    public String json;

    public Notice() {}

    public Notice(String destination, String id, String kind, String symbol, long tsMicros, String json) {
        this.destination = destination;
        this.id = id;
        this.kind = kind;
        this.symbol = symbol;
        this.tsMicros = tsMicros;
        this.json = json;
    }

    public Notice to(String dest) {
        return new Notice(dest, id, kind, symbol, tsMicros, json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notice n && Objects.equals(destination, n.destination) && Objects.equals(id, n.id)
                && Objects.equals(json, n.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, id);
    }

    @Override
    public String toString() {
        return id + " -> " + destination;
    }
}
