package io.cryptorun.jobs.notify;

/**
 * What one HTTP attempt came to.
 *
 * @param kind         the class of the answer
 * @param httpStatus   the status (0 when no response: timeout, reset, refused)
 * @param retryAfterMs for {@link Kind#RATE_LIMITED}: the API's retry-after, else 0
 * @param detail       the API's error text or the I/O failure's class — never a URL or token
 */
public record Outcome(Kind kind, int httpStatus, long retryAfterMs, String detail) {
    public enum Kind {
        /** 2xx (and, for Telegram, {@code "ok":true}). */
        SENT,
        /** 429: wait retry-after, then try again. */
        RATE_LIMITED,
        /** 5xx, timeout, connection reset: retry with jittered backoff until the deadline. */
        TRANSIENT,
        /** Any other 4xx (bad token, chat not found, invalid payload, revoked webhook): dead letter, no retry. */
        PERMANENT
    }
}
