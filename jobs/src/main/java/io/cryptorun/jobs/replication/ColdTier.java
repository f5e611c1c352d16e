package io.cryptorun.jobs.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The cold tier (docs/DATA_MULTI_REGION.md): a run's outputs as hourly partitions
 * {@code cold/<region>/<table>/date=YYYY-MM-DD/hour=HH/part-0000.jsonl.gz} (gzip JSONL, byte-identical for the same
 * input: the gzip header carries no time), one manifest per region ({@code _manifest.sha256}: sha256, size, path),
 * and a resumable, idempotent copy between regions: a file whose destination already has the manifest's sha256 is
 * skipped, every other file is written to a temporary name, verified and renamed atomically, and the destination
 * manifest is written last, only when every file verified.
 */
public final class ColdTier {
    public static final String TIER = "cold";
    public static final String MANIFEST = "_manifest.sha256";
    /** Run output file -> cold table. */
    public static final Map<String, String> TABLES = tables();
    private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");
    private static final String TMP_PREFIX = ".tmp-";

    private ColdTier() {}

    private static Map<String, String> tables() {
        Map<String, String> m = new LinkedHashMap<>();
        for (io.cryptorun.jobs.OutputKind kind : io.cryptorun.jobs.OutputKind.values()) {
            if (kind.coldTable() != null) m.put(kind.stream() + ".jsonl", kind.coldTable());
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One file of a region: its path relative to the region dir, size and sha256 (hex). */
    public record Entry(String path, long size, String sha256) {}

    public static Path regionDir(Path root, String region) {
        return root.resolve(TIER).resolve(region);
    }

    /**
     * Writes the run's outputs into region {@code region} under {@code root}; returns the manifest. Rewriting the
     * same run gives the same bytes (files already equal are left alone). A line without a {@code "ts"} of
     * epoch microseconds fails the write with its file and line number.
     */
    public static List<Entry> write(Path runDir, Path root, String region) throws IOException {
        Path dir = regionDir(root, region);
        Files.createDirectories(dir);
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            Path src = runDir.resolve(t.getKey());
            if (!Files.isRegularFile(src)) continue;
            TreeMap<String, List<String>> byHour = new TreeMap<>();
            try (BufferedReader r = Files.newBufferedReader(src, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isEmpty()) continue;
                    Matcher m = TS.matcher(line);
                    if (!m.find()) throw new IOException(src + " line " + n + ": no \"ts\" (epoch microseconds)");
                    ZonedDateTime h = Instant.EPOCH.plusNanos(Long.parseLong(m.group(1)) * 1000).atZone(ZoneOffset.UTC);
                    String part = String.format("%s/date=%04d-%02d-%02d/hour=%02d/part-0000.jsonl.gz", t.getValue(),
                            h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour());
                    byHour.computeIfAbsent(part, k -> new ArrayList<>()).add(line);
                }
            }
            for (Map.Entry<String, List<String>> p : byHour.entrySet()) {
                byte[] gz = gzip(p.getValue());
                Path f = dir.resolve(p.getKey());
                if (Files.isRegularFile(f) && java.util.Arrays.equals(Files.readAllBytes(f), gz)) continue;
                Files.createDirectories(f.getParent());
                Path tmp = f.resolveSibling(TMP_PREFIX + f.getFileName());
                Files.write(tmp, gz);
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<Entry> manifest = scan(dir);
        writeManifest(dir, manifest);
        return manifest;
    }

    /**
     * Every committed partition file under a region dir, sorted by path: the manifest, our temporaries and a job's
     * in-progress or pending part files (hidden: their names start with a dot) excluded.
     */
    public static List<Entry> scan(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Path p : committed(dir)) out.add(new Entry(dir.relativize(p).toString(), Files.size(p), sha256(p)));
        return out;
    }

    private static List<Path> committed(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.equals(MANIFEST) || name.startsWith(".")) continue;
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Region {@code dir}'s manifest, completed with the committed files it does not list yet (a job writing the cold
     * tier commits new part files on every checkpoint): each new file is hashed once, when first seen; a listed file
     * is never hashed again here, so a file corrupted after it was listed is still caught by its old sha256.
     * {@code persist}: write the completed manifest back (the copy does; a read-only check does not).
     */
    public static List<Entry> completeManifest(Path dir, boolean persist) throws IOException {
        List<Entry> listed = readManifest(dir);
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Entry e : listed) known.add(e.path());
        List<Entry> all = new ArrayList<>(listed);
        for (Path p : committed(dir)) {
            String rel = dir.relativize(p).toString();
            if (!known.contains(rel)) all.add(new Entry(rel, Files.size(p), sha256(p)));
        }
        if (all.size() == listed.size()) return listed;
        all.sort(java.util.Comparator.comparing(Entry::path));
        if (persist) writeManifest(dir, all);
        return all;
    }

    public static List<Entry> readManifest(Path dir) throws IOException {
        Path m = dir.resolve(MANIFEST);
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(m)) return out;
        for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] f = line.split("  ", 3);
            if (f.length != 3 || !f[0].matches("[0-9a-f]{64}") || !f[1].matches("\\d+")) throw new IOException(m + ": bad line: " + line);
            out.add(new Entry(f[2], Long.parseLong(f[1]), f[0]));
        }
        return out;
    }

    static void writeManifest(Path dir, List<Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) sb.append(e.sha256()).append("  ").append(e.size()).append("  ").append(e.path()).append('\n');
        Path tmp = dir.resolve(TMP_PREFIX + MANIFEST);
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What one copy did: files copied, already present (skipped), failed (with reasons), and whether it finished. */
    public record CopyResult(int planned, int copied, int skipped, Map<String, Integer> failures, boolean complete) {}

    /**
     * Copies region {@code from} to region {@code to} following {@code from}'s manifest. Idempotent and resumable:
     * run it again after a crash or a {@code cancel} and it copies only what is missing or corrupt (a destination
     * file is trusted only when its sha256 equals the manifest's; leftovers of an interrupted write are removed).
     * A source file that no longer matches its manifest is not copied (reason {@code source_checksum}).
     * {@code cancel} is asked before each file (a drill's "interrupted halfway").
     */
    public static CopyResult copy(Path root, String from, String to, BooleanSupplier cancel, ReplicationMetrics metrics) throws IOException {
        Path src = regionDir(root, from);
        Path dst = regionDir(root, to);
        List<Entry> manifest = completeManifest(src, true);
        if (manifest.isEmpty() && !Files.isRegularFile(src.resolve(MANIFEST))) {
            throw new IOException("no partition in " + src + " (write the region first: replication cold-write, or a job with --cold-root)");
        }
        Files.createDirectories(dst);
        removeTemporaries(dst);
        int copied = 0;
        int skipped = 0;
        Map<String, Integer> failures = new TreeMap<>();
        boolean complete = true;
        List<Entry> todo = new ArrayList<>();
        for (Entry e : manifest) {
            Path d = dst.resolve(e.path());
            if (Files.isRegularFile(d) && Files.size(d) == e.size() && sha256(d).equals(e.sha256())) skipped++;
            else todo.add(e);
        }
        metrics.planSteps(TIER, from, to, todo.size());
        for (Entry e : todo) {
            if (cancel.getAsBoolean()) {
                complete = false;
                break;
            }
            Path s = src.resolve(e.path());
            if (!Files.isRegularFile(s) || !sha256(s).equals(e.sha256())) {
                failures.merge("source_checksum", 1, Integer::sum);
                metrics.stepFailure(TIER, from, to, "source_checksum");
                complete = false;
                continue;
            }
            Path d = dst.resolve(e.path());
            Files.createDirectories(d.getParent());
            Path tmp = d.resolveSibling(TMP_PREFIX + d.getFileName());
            MessageDigest md = sha();
            try (InputStream in = Files.newInputStream(s);
                    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
                out.flush();
                ch.force(true);
            }
            if (!HexFormat.of().formatHex(md.digest()).equals(e.sha256())) {
                Files.deleteIfExists(tmp);
                failures.merge("copy_checksum", 1, Integer::sum);
                metrics.stepFailure(TIER, from, to, "copy_checksum");
                complete = false;
                continue;
            }
            Files.move(tmp, d, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            copied++;
        }
        if (complete) writeManifest(dst, manifest);
        return new CopyResult(todo.size(), copied, skipped, failures, complete);
    }

    /** Differences between two regions: files missing on b, corrupt on b (sha differs from a's manifest), extra on b. */
    public record ColdDiff(int filesA, List<String> missing, List<String> corrupt, List<String> extra) {
        public boolean equal() {
            return missing.isEmpty() && corrupt.isEmpty() && extra.isEmpty();
        }
    }

    /** Checks region {@code b}'s files against region {@code a}'s manifest, recomputing every sha256 on b. */
    public static ColdDiff validate(Path root, String a, String b) throws IOException {
        List<Entry> ma = completeManifest(regionDir(root, a), false);
        Map<String, Entry> onB = new TreeMap<>();
        for (Entry e : scan(regionDir(root, b))) onB.put(e.path(), e);
        List<String> missing = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        for (Entry e : ma) {
            Entry eb = onB.remove(e.path());
            if (eb == null) missing.add(e.path());
            else if (!eb.sha256().equals(e.sha256())) corrupt.add(e.path());
        }
        return new ColdDiff(ma.size(), missing, corrupt, new ArrayList<>(onB.keySet()));
    }

    /**
     * Seconds by which region b's newest hour partition trails a's, for the table furthest behind (0 when b has
     * a's newest hour of every table; infinite when b has no partition of a table a has).
     */
    public static double lagSeconds(Path root, String a, String b) throws IOException {
        Map<String, Instant> na = newestHours(completeManifest(regionDir(root, a), false));
        Map<String, Instant> nb = newestHours(scan(regionDir(root, b)));
        double lag = 0;
        for (Map.Entry<String, Instant> e : na.entrySet()) {
            Instant tb = nb.get(e.getKey());
            if (tb == null) return Double.POSITIVE_INFINITY;
            lag = Math.max(lag, Math.max(0, e.getValue().getEpochSecond() - tb.getEpochSecond()));
        }
        return lag;
    }

    private static final Pattern HOUR = Pattern.compile("^([^/]+)/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/");

    static Map<String, Instant> newestHours(List<Entry> entries) {
        Map<String, Instant> max = new TreeMap<>();
        for (Entry e : entries) {
            Matcher m = HOUR.matcher(e.path());
            if (!m.find()) continue;
            Instant t = Instant.parse(m.group(2) + "T" + m.group(3) + ":00:00Z");
            max.merge(m.group(1), t, (x, y) -> x.isAfter(y) ? x : y);
        }
        return max;
    }

    private static void removeTemporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX))::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    static byte[] gzip(List<String> lines) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16)) {
            for (String l : lines) {
                gz.write(l.getBytes(StandardCharsets.UTF_8));
                gz.write('\n');
            }
        }
        return bos.toByteArray();
    }

    public static String sha256(Path p) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
