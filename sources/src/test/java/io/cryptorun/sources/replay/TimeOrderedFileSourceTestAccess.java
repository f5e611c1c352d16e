package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.model.MarketEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Builds sources without manifest/file checks, for tests that only need the Source's factories. */
public final class TimeOrderedFileSourceTestAccess {
    private TimeOrderedFileSourceTestAccess() {}

    public static TimeOrderedFileSource<MarketEvent> sourceOver(List<Path> files) {
        return TimeOrderedFileSource.create(files, new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES),
                TypeInformation.of(MarketEvent.class), 0);
    }
}
