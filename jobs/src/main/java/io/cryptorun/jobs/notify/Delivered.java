package io.cryptorun.jobs.notify;

/** The end of one notice at one destination (a Flink POJO, the notifier's output). */
public class Delivered {
    /** sent, muted, dead_letter (ledger statuses), already (the ledger had it), dry_run. */
    public String status;
    public String destination;
    public String id;
    public int attempts;
    public long latencyMs;

    public Delivered() {}

    public Delivered(String status, String destination, String id, int attempts, long latencyMs) {
        this.status = status;
        this.destination = destination;
        this.id = id;
        this.attempts = attempts;
        this.latencyMs = latencyMs;
    }

    @Override
    public String toString() {
        return status + " " + id + " -> " + destination + " (" + attempts + " attempt(s), " + latencyMs + " ms)";
    }
}
