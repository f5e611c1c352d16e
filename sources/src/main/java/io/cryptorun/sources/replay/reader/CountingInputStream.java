package io.cryptorun.sources.replay.reader;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes as they are read. The decoder above reads ahead in blocks, so
 * {@link #takeCount()} moves in block-sized steps: exact in total, approximate per line — what a
 * throughput counter needs.
 */
final class CountingInputStream extends FilterInputStream {
    private long count;
    private long taken;

    CountingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) count++;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) count += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = super.skip(n);
        count += k;
        return k;
    }

    /** Bytes read since the previous call. */
    long takeCount() {
        long d = count - taken;
        taken = count;
        return d;
    }
}
