package io.cryptorun.sources.decimal;

/** A reusable out-parameter for the allocation-free parse path. */
public final class MutableDecimal {
    public long unscaled;
    public int scale;

    public Decimal toDecimal() {
        return new Decimal(unscaled, scale);
    }
}
