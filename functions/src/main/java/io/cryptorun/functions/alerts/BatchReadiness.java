package io.cryptorun.functions.alerts;

/**
 * When the throttle may decide one tick's batch of candidates (issue 16), pure. The batch is
 * parked under the records' event time, the tick's late-fill deadline {@code D = T + 30 s}, and is
 * decided at the first of:
 * <ul>
 *   <li>the <b>deadline</b>: the watermark has passed {@code D} (as before issue 16);
 *   <li>the <b>marker</b>: the scan's "tick T complete" marker has been seen — every candidate of T
 *       precedes it on the same channel, so the batch is whole — <em>and</em> the watermark has
 *       reached {@code T}. The operator's watermark is the minimum of the scan's and the control
 *       stream's, so every control command with time ≤ T is in the broadcast state by then; the
 *       decision reads exactly the commands with time ≤ T ({@link ControlBook#at}), so a mute just
 *       before or after T applies as it does at the deadline.
 * </ul>
 * Either way the same candidates meet the same controls and the same throttle state (batches are
 * decided in deadline order: a marker's batch is decided after every earlier parked batch), so the
 * decisions — and their timestamps, which stay {@code D} — are the deadline's.
 */
public final class BatchReadiness {
    private BatchReadiness() {}

    /**
     * @param deadlineMillis  the batch's key (its records' event time)
     * @param tickMillis      the tick the batch belongs to, in ms
     * @param markerSeen      whether the tick's completion marker has arrived
     * @param watermarkMillis the operator's (combined) watermark
     */
    public static boolean decidable(long deadlineMillis, long tickMillis, boolean markerSeen, long watermarkMillis) {
        return watermarkMillis >= deadlineMillis || (markerSeen && watermarkMillis >= tickMillis);
    }
}
