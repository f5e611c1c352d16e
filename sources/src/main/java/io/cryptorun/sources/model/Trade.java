package io.cryptorun.sources.model;

import io.cryptorun.sources.decimal.Decimal;

public record Trade(EventHeader header, Decimal price, Decimal qty, Side side, String tradeId, String orderType) {}
