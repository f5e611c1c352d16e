package io.cryptorun.functions.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds market-data aggregators in code: SPEC §4 says microstructure comes only from a venue's own
 * feed, never from an aggregator, and a CI guard must fail if an aggregator host appears in a
 * microstructure code path. Matching is by name, case-insensitive, anywhere in a line (host,
 * URL, class or constant name), so {@code api.CoinGecko.com} and {@code COINGECKO_URL} are both
 * caught.
 */
final class AggregatorGuard {
    /** Aggregators and price-index vendors whose quotes are not any venue's own book. */
    static final List<String> AGGREGATORS = List.of("coingecko", "geckoterminal", "coinpaprika", "coinmarketcap",
            "cryptocompare", "dexscreener", "messari", "nomics", "coincap", "livecoinwatch", "coinlore", "coinranking",
            "coinstats", "cryptorank", "kaiko", "coinapi", "cryptowat");

    private AggregatorGuard() {}

    /** Every {@code file:line: name} where an aggregator name occurs in a text file under {@code roots}. */
    static List<String> scan(List<Path> roots) {
        List<String> hits = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    scanFile(f, hits);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hits;
    }

    /** Number of regular files under the roots (so a scan of a wrong path cannot pass vacuously). */
    static long fileCount(List<Path> roots) {
        long n = 0;
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                n += files.filter(Files::isRegularFile).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    private static void scanFile(Path f, List<String> hits) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (CharacterCodingException binary) {
            lines = List.of(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        for (int i = 0; i < lines.size(); i++) {
            String lower = lines.get(i).toLowerCase(Locale.ROOT);
            for (String name : AGGREGATORS) {
                if (lower.contains(name)) {
                    hits.add(f + ":" + (i + 1) + ": " + name);
                }
            }
        }
    }
}
