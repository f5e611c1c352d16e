package io.cryptorun.functions.replication;

/**
 * Which records of one numbered stream a consumer has already applied (issue 17, hot failover).
 *
 * <p>The ingest job numbers each venue's raw frames {@code 0, 1, 2, …} as it commits them to
 * {@code md.raw.<venue>} (header {@code cryptorun-seq}); MirrorMaker 2 copies the header to region b's
 * {@code a.md.raw.<venue>}, where the offsets differ (no transaction markers) and MM2's translated
 * consumer offsets are conservative: a consumer moved to b re-reads up to ~100 records it had applied
 * on a, and MM2 itself may copy a batch twice after a restart. The sequence, unlike the offset, is the
 * same in both regions, so "applied" is decided on it: a record is new when its sequence is above the
 * highest one applied ({@link #last}, which the operator checkpoints); anything at or below it is a
 * re-delivery and is dropped.
 *
 * <p>One record becomes several events (a book frame, a batch of trades), all with its sequence, and a
 * checkpoint never falls between them (they come from one deserialization call). So an event with the
 * sequence of the record being applied in this incarnation ({@link #current}, never checkpointed) is
 * that record's next event; the same sequence after a restore, or after a re-delivered record, is the
 * record coming again. (One case stays ambiguous: a stream that repeats only its very last record,
 * immediately, with no restore between: its events pass twice. MM2 re-sends whole batches from its last
 * committed source offset, and translated offsets land before the last record.)
 *
 * <p>The fence does not look for gaps: it is kept per connection (a topic's sequence is shared by the
 * connections that write to it, so one connection's numbers skip), and a frame that never arrives is the
 * books' own continuity checks' business (checksums, venue sequence numbers, the ingest's resync lines).
 */
public final class RedeliveryFence {
    /** No record applied yet. */
    public static final long NONE = -1;

    public enum Verdict {
        /** The next record (or the first one seen): apply it. */
        NEW,
        /** Another event of the record being applied: apply it. */
        SAME_RECORD,
        /** Applied before (at or below the last sequence): drop it. */
        REDELIVERED
    }

    private long last;
    private long current = NONE;

    public RedeliveryFence() {
        this(NONE);
    }

    /** @param last the highest sequence applied (restored from a checkpoint), or {@link #NONE} */
    public RedeliveryFence(long last) {
        if (last < NONE) throw new IllegalArgumentException("sequence below -1: " + last);
        this.last = last;
    }

    /** The verdict on one event of the record numbered {@code seq} (≥ 0); advances the fence for a new record. */
    public Verdict admit(long seq) {
        if (seq < 0) throw new IllegalArgumentException("negative sequence " + seq);
        if (seq == current) return Verdict.SAME_RECORD;
        if (seq <= last) {
            current = NONE; // the current record's run of events is over: its sequence again is a re-delivery
            return Verdict.REDELIVERED;
        }
        last = seq;
        current = seq;
        return Verdict.NEW;
    }

    /** The highest sequence applied: what a checkpoint keeps. */
    public long last() {
        return last;
    }
}
