package io.cryptorun.functions.scan;

/**
 * One social reading for one symbol (SPEC §7 "Social = external input, Kafka topic
 * {@code cryptorun.social}, 0 when absent"): the raw value as published; the scorer caps what it
 * adds ({@code min(10, max(0, social))}, added last). A reading holds from {@code tsMicros} until
 * the next reading of the symbol, for at most {@link SocialBook#MAX_AGE_MICROS}.
 *
 * @param tsMicros event time, epoch µs
 * @param symbol   pair, e.g. {@code SOL/USD}
 * @param value    raw social score (any real; negative adds 0, above the cap adds the cap)
 */
public record SocialSignal(long tsMicros, String symbol, double value) {
}
