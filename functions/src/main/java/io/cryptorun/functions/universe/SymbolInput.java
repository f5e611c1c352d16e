package io.cryptorun.functions.universe;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.model.Bar;

/** Input of {@link IndicatorFunction}: a closed bar or a venue's microstructure (exactly one non-null; a POJO union). */
public record SymbolInput(Bar bar, Microstructure micro) {
    public static SymbolInput of(Bar b) {
        return new SymbolInput(b, null);
    }

    public static SymbolInput of(Microstructure m) {
        return new SymbolInput(null, m);
    }

    public String symbol() {
        return bar != null ? bar.symbol() : micro.symbol();
    }
}
