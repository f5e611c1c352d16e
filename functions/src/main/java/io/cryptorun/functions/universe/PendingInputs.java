package io.cryptorun.functions.universe;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.model.Bar;
import java.util.Arrays;

/**
 * Inputs of one symbol waiting for the watermark to pass the tick they belong to: bars closing
 * at it and, per venue, the newest microstructure in the minute ending at it. Arrays, not lists,
 * so Flink serializes it as a POJO.
 */
public record PendingInputs(Bar[] bars, Microstructure[] micro) {
    public static final PendingInputs EMPTY = new PendingInputs(new Bar[0], new Microstructure[0]);

    public PendingInputs with(Bar b) {
        Bar[] out = Arrays.copyOf(bars, bars.length + 1);
        out[bars.length] = b;
        return new PendingInputs(out, micro);
    }

    /** Keeps only the newest record per venue (ties: the later arrival, which has equal content in practice). */
    public PendingInputs with(Microstructure m) {
        for (int i = 0; i < micro.length; i++) {
            if (micro[i].venue().equals(m.venue())) {
                if (m.tsMicros() < micro[i].tsMicros()) {
                    return this;
                }
                Microstructure[] out = micro.clone();
                out[i] = m;
                return new PendingInputs(bars, out);
            }
        }
        Microstructure[] out = Arrays.copyOf(micro, micro.length + 1);
        out[micro.length] = m;
        return new PendingInputs(bars, out);
    }
}
