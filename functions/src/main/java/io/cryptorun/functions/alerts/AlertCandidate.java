package io.cryptorun.functions.alerts;

/**
 * An alert that passed the gates and now asks the throttle of one user/channel.
 *
 * @param symbol      asset
 * @param channel     delivery channel (e.g. "slack:#desk"); the key of channel mutes
 * @param score       final score
 * @param regime      regime name at the tick ("HIGH_VOL" raises the hourly limit)
 * @param eventMicros scan tick, event time
 */
public record AlertCandidate(String symbol, String channel, double score, String regime, long eventMicros) {}
