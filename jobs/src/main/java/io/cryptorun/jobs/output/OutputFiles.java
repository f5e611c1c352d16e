package io.cryptorun.jobs.output;

/** Names of the files a replay writes into its output directory. */
public final class OutputFiles {
    public static final String MICROSTRUCTURE = "microstructure.jsonl";
    public static final String BARS = "bars.jsonl";
    public static final String QUARANTINE = "quarantine.jsonl";
    public static final String REGIME = "regime.jsonl";
    public static final String SCORES = "scores.jsonl";
    public static final String ALERTS = "alerts.jsonl";
    public static final String SUPPRESSED = "suppressed.jsonl";
    public static final String EXITS = "exits.jsonl";
    public static final String CONTROL_AUDIT = "control_audit.jsonl";
    /** Each change of a symbol's place in the universe (issue 13, {@code cryptorun universe}). */
    public static final String UNIVERSE = "universe.jsonl";
    public static final String SUMMARY = "summary.json";
    /** Sink part files live here until the replay merges them into the canonical files. */
    public static final String PARTS_DIR = "_parts";

    private OutputFiles() {}
}
