package io.cryptorun.jobs.settings;

/**
 * A bad analytics threshold in the configuration: the message is one line naming the key, the
 * value given and what is allowed, e.g. {@code thresholds.gates.max_spread_bps = "abc": must be a
 * decimal > 0}. The CLI prints it as {@code cryptorun: error: …} (exit 2).
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingsException(String key, String value, String allowed) {
        super(key + " = \"" + value + "\": " + allowed);
        this.key = key;
    }

    /** The configuration key at fault ({@code thresholds.<section>.<name>}). */
    public String key() {
        return key;
    }
}
