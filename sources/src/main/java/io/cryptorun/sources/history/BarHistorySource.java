package io.cryptorun.sources.history;

import io.cryptorun.sources.fixture.InvalidFixtureException;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.replay.ReplayFiles;
import io.cryptorun.sources.replay.TimeOrderedFileSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Bounded source of 1h bar history (CSV, optional {@code .gz}; format in
 * {@link BarHistoryLineDecoder}) as {@link HistoryRecord}s, files merged by bar open time. Use
 * with {@link BarHistoryWatermarks#forHistory()}; route {@code !isBar()} records to quarantine.
 */
public final class BarHistorySource {
    private BarHistorySource() {}

    /**
     * @param files CSV files and/or fixture directories (their verified manifest's {@code history}
     *              files)
     * @throws InvalidFixtureException listing every missing file, manifest mismatch and file whose
     *              first line is not the header — checked here so a wrong file fails the
     *              submission, not the running job
     */
    public static TimeOrderedFileSource<HistoryRecord> of(List<Path> files) {
        List<Path> resolved = ReplayFiles.resolve(files, Manifest.KIND_HISTORY);
        List<String> problems = new ArrayList<>();
        for (Path f : resolved) {
            String first = firstNonBlankLine(f, problems);
            if (first != null && !BarHistoryLineDecoder.withoutBom(first).equals(BarHistoryLineDecoder.HEADER)) {
                problems.add(f + ": first line is not the header '" + BarHistoryLineDecoder.HEADER + "'");
            }
        }
        if (!problems.isEmpty()) throw new InvalidFixtureException(problems);
        return TimeOrderedFileSource.create(resolved, new BarHistoryLineDecoder(), TypeInformation.of(HistoryRecord.class), 0);
    }

    /** No history: a source with no splits, which finishes at once (its watermark goes to the end of time). */
    public static TimeOrderedFileSource<HistoryRecord> empty() {
        return TimeOrderedFileSource.create(List.of(), new BarHistoryLineDecoder(), TypeInformation.of(HistoryRecord.class), 0);
    }

    /**
     * History for a replay input: the history files of a fixture directory's manifest, or
     * {@link #empty()} for plain files and directories whose manifest lists none.
     */
    public static TimeOrderedFileSource<HistoryRecord> forFixtures(Path fixtures) {
        if (Files.isDirectory(fixtures)) {
            try {
                if (!Manifest.read(fixtures).filesOfKind(Manifest.KIND_HISTORY).isEmpty()) {
                    return of(List.of(fixtures));
                }
            } catch (IOException e) {
                throw new InvalidFixtureException(List.of(String.valueOf(e.getMessage())));
            }
        }
        return empty();
    }

    private static String firstNonBlankLine(Path f, List<String> problems) {
        // reads a bounded prefix only: the header is short, the file may not be
        try (BufferedReader r = Manifest.open(f)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = r.read()) != -1 && line.length() < BarHistoryLineDecoder.MAX_LINE_CHARS) {
                if (c == '\n') {
                    if (!line.toString().isBlank()) break;
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (line.toString().isBlank()) {
                problems.add(f + ": empty (a history file needs at least the header)");
                return null;
            }
            return line.toString();
        } catch (IOException e) {
            problems.add(f + ": cannot read: " + e.getMessage());
            return null;
        }
    }
}
