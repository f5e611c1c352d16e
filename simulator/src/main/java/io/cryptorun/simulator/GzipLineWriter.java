package io.cryptorun.simulator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes text lines to a {@code .gz} file and reports what the manifest needs: lines, stored bytes
 * and the sha256 of the stored (compressed) bytes.
 *
 * <p>The output is byte-deterministic for a given JDK/zlib: {@link GZIPOutputStream} writes a fixed
 * 10-byte header (mtime 0, no file name, no comment) and the deflate stream depends only on the input
 * and the level. A different zlib build may compress differently, so the sha256s in a manifest are
 * reproducible on the same platform, while the uncompressed text is reproducible everywhere.
 */
final class GzipLineWriter implements Closeable {
    private final MessageDigest sha;
    private final CountingStream counting;
    private final Writer out;
    private long lines;
    private boolean closed;

    GzipLineWriter(Path file) throws IOException {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        counting = new CountingStream(new DigestOutputStream(Files.newOutputStream(file), sha));
        GZIPOutputStream gz = new GZIPOutputStream(counting, 1 << 16) {
            {
                // best compression: the frames are most of the fixture budget, and level 9 costs little time here
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
        out = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
    }

    void line(String text) throws IOException {
        out.write(text);
        out.write('\n');
        lines++;
    }

    long lines() {
        return lines;
    }

    /** Stored size; final after {@link #close()}. */
    long bytes() {
        return counting.count;
    }

    /** Hex sha256 of the stored bytes; only after {@link #close()}. */
    String sha256() {
        if (!closed) throw new IllegalStateException("sha256 before close");
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            out.close();
            closed = true;
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
