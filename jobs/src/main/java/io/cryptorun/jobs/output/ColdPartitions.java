package io.cryptorun.jobs.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * The cold tier written by the job itself (issue 17): a table's JSON lines into hourly partitions
 * {@code <root>/cold/<region>/<table>/date=YYYY-MM-DD/hour=HH/part-<uuid>-<n>.jsonl.gz}, the hour being that of the
 * line's own {@code "ts"} (event time, UTC; every output line starts with it), gzip JSONL. Part files are
 * committed on checkpoints (exactly-once; in-progress and pending files are hidden, their names start with a dot),
 * and never change afterwards: {@code ColdTier} hashes each into the region's manifest the first time it sees it.
 */
public final class ColdPartitions {
    private ColdPartitions() {}

    /** The sink of one table's lines in region {@code region} under {@code root}. */
    public static Sink<String> sink(java.nio.file.Path root, String region, String table) {
        Path base = new Path(root.resolve("cold").resolve(region).resolve(table).toAbsolutePath().toString());
        return FileSink.forBulkFormat(base, new GzipLines())
                .withBucketAssigner(new HourOfTs())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl.gz").build())
                .build();
    }

    /** {@code date=YYYY-MM-DD/hour=HH} of the epoch-µs {@code ts} a line starts with. */
    public static String partition(String line) {
        if (!line.startsWith("{\"ts\":")) throw new IllegalArgumentException("an output line must start with {\"ts\": " + head(line));
        int end = 6;
        while (end < line.length() && Character.isDigit(line.charAt(end))) end++;
        if (end == 6) throw new IllegalArgumentException("no epoch-µs ts at the start of " + head(line));
        long micros = Long.parseLong(line, 6, end, 10);
        ZonedDateTime h = Instant.EPOCH.plusNanos(micros * 1_000L).atZone(ZoneOffset.UTC);
        return String.format("date=%04d-%02d-%02d/hour=%02d", h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour());
    }

    private static String head(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    /** Bucket = the line's hour partition. */
    static final class HourOfTs implements BucketAssigner<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getBucketId(String line, Context context) {
            return partition(line);
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }

    /** One gzip member per part file, a line per record. */
    static final class GzipLines implements BulkWriter.Factory<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkWriter<String> create(FSDataOutputStream out) throws IOException {
            GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16);
            return new BulkWriter<>() {
                @Override
                public void addElement(String line) throws IOException {
                    gz.write(line.getBytes(StandardCharsets.UTF_8));
                    gz.write('\n');
                }

                @Override
                public void flush() throws IOException {
                    gz.flush();
                }

                @Override
                public void finish() throws IOException {
                    gz.finish(); // the sink closes the file itself
                    out.flush();
                }
            };
        }
    }

    /** The part file's stream, which the sink owns: the gzip stream must not close it. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {}
    }
}
