package io.cryptorun.functions.alerts;

import io.cryptorun.functions.scan.ScoredAsset;

/** What {@link PaperFunction} parked for one record time: sent alerts (openings) and scan updates. */
public record PaperInputs(AlertDecision[] alerts, ScoredAsset[] updates) {}
