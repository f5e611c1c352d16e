package io.cryptorun.functions.route;

import io.cryptorun.sources.history.HistoryRecord;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.Quarantine;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits bar history into good bars (main output, to the bar operator) and bad rows ({@link #QUARANTINE}). */
public final class HistoryRouter extends ProcessFunction<HistoryRecord, Bar> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Quarantine> QUARANTINE = new OutputTag<>("history-quarantine") {};

    @Override
    public void processElement(HistoryRecord r, Context ctx, Collector<Bar> out) {
        if (r.isBar()) {
            out.collect(r.bar());
        } else {
            ctx.output(QUARANTINE, r.bad());
        }
    }
}
