package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Replay of recorded exchange frames as a bounded stream of {@link MarketEvent}s (quarantined
 * frames included, as {@code QUARANTINE} events). Use with
 * {@link MarketEventWatermarks#forReplay()}:
 *
 * <pre>{@code
 * env.fromSource(FixtureSource.of(List.of(Path.of("fixtures/kraken-2024-05")), 0),
 *                MarketEventWatermarks.forReplay(), "fixture-replay");
 * }</pre>
 */
public final class FixtureSource {
    /** Replay as fast as the job can take it. */
    public static final double MAX_SPEED = 0;

    private FixtureSource() {}

    /**
     * @param files fixture files (JSONL, plain or {@code .gz}) and/or fixture directories (their
     *              verified manifest's {@code frames} files)
     * @param speed {@link #MAX_SPEED} (0) or a factor: {@code 1} = recorded pace, {@code 10} = ten
     *              times faster
     * @throws InvalidFixtureException listing all problems when files are missing or a manifest
     *              does not verify
     */
    public static TimeOrderedFileSource<MarketEvent> of(List<Path> files, double speed) {
        return builder(files).speed(speed).build();
    }

    public static Builder builder(List<Path> files) {
        return new Builder(files);
    }

    /**
     * Parses a speed option: {@code max} or {@code 0} (as fast as possible), or a positive factor
     * with an optional {@code x} suffix ({@code 10}, {@code 10x}, {@code 0.5}).
     */
    public static double parseSpeed(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) return MAX_SPEED;
        if (t.endsWith("x")) t = t.substring(0, t.length() - 1);
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replay speed must be 'max', 0 or a positive factor, got '" + text + "'");
        }
        TimeOrderedFileSource.checkSpeed(v);
        return v;
    }

    public static final class Builder {
        private final List<Path> files;
        private double speed = MAX_SPEED;
        private int maxFrameBytes = FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES;

        private Builder(List<Path> files) {
            this.files = List.copyOf(files);
        }

        public Builder speed(double speed) {
            TimeOrderedFileSource.checkSpeed(speed);
            this.speed = speed;
            return this;
        }

        /** Frames longer than this (UTF-8 bytes) are quarantined as {@code frame_too_large}; default 1 MiB. */
        public Builder maxFrameBytes(int maxFrameBytes) {
            if (maxFrameBytes < 1) throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public TimeOrderedFileSource<MarketEvent> build() {
            List<Path> resolved = ReplayFiles.resolve(files, Manifest.KIND_FRAMES);
            return TimeOrderedFileSource.create(resolved, new FixtureLineDecoder(maxFrameBytes),
                    TypeInformation.of(MarketEvent.class), speed);
        }
    }
}
