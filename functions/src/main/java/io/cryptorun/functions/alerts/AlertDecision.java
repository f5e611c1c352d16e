package io.cryptorun.functions.alerts;

import io.cryptorun.functions.scan.ScoredAsset;

/** The throttle's verdict on one {@link ChannelScore}: sent (an alert) or suppressed with every reason. */
public record AlertDecision(String channel, ScoredAsset scored, boolean sent, String[] reasons) {}
