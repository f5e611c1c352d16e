package io.cryptorun.functions.alerts;

import io.cryptorun.functions.scan.ScoredAsset;

/** A gate-passing scored asset addressed to one user/channel (the throttle's key). */
public record ChannelScore(String channel, ScoredAsset scored) {}
