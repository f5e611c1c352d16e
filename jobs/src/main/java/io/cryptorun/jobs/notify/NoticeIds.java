package io.cryptorun.jobs.notify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ledger ids of the topic lines. They come from the lines' natural keys, so the same alert gets
 * the same id in every run: {@code alert/<ts>/<symbol>/<throttle channel>} and
 * {@code exit/<ts>/<symbol>/<reason>/<entry ts>} (times in epoch µs).
 */
public final class NoticeIds {
    private NoticeIds() {}

    public static String of(String kind, JsonNode line) {
        String base = kind + "/" + line.path("ts").asLong() + "/" + line.path("symbol").asText();
        return Notice.EXIT.equals(kind)
                ? base + "/" + line.path("reason").asText() + "/" + line.path("entry_ts").asLong()
                : base + "/" + line.path("channel").asText("default");
    }
}
