package io.cryptorun.jobs.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-channel message templates: {@code slack-alert.json}, {@code slack-exit.json} (a Slack
 * incoming-webhook payload with blocks), {@code telegram-alert.md}, {@code telegram-exit.md}
 * (MarkdownV2 text). The built-in ones are resources under {@code cryptorun/notify/}; a file of
 * the same name in {@code --templates DIR} replaces one. {@code {{name}}} placeholders take the
 * values of {@link #values}, escaped for where they land: Slack mrkdwn ({@code & < >}) inside a
 * JSON string, or Telegram MarkdownV2 (every reserved character backslash-escaped). Numbers are
 * the topic line's decimal text, never parsed through a double.
 */
public final class Templates implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String RESOURCE_DIR = "cryptorun/notify/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9_]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Map<String, String> byName;

    private Templates(Map<String, String> byName) {
        this.byName = byName;
    }

    /** The built-in templates, each replaced by {@code dir/<name>} when that file exists ({@code dir} may be null). */
    public static Templates load(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kind : List.of(Destination.SLACK, Destination.TELEGRAM)) {
            for (String what : List.of(Notice.ALERT, Notice.EXIT)) {
                String name = fileName(kind, what);
                Path override = dir == null ? null : dir.resolve(name);
                String text;
                if (override != null && Files.isRegularFile(override)) {
                    text = Files.readString(override, StandardCharsets.UTF_8);
                } else {
                    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
                        if (in == null) throw new IOException("built-in template missing from the jar: " + name);
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                Matcher unknown = PLACEHOLDER.matcher(text);
                while (unknown.find()) {
                    if (!PLACEHOLDERS.contains(unknown.group(1))) {
                        throw new IOException("template " + name + ": unknown placeholder {{" + unknown.group(1) + "}} (known: "
                                + String.join(", ", PLACEHOLDERS) + ")");
                    }
                }
                m.put(name, text);
            }
        }
        return new Templates(m);
    }

    static String fileName(String kind, String what) {
        return kind + "-" + what + (Destination.SLACK.equals(kind) ? ".json" : ".md");
    }

    static final List<String> PLACEHOLDERS = List.of("id", "symbol", "venue", "score", "band", "regime", "event_time",
            "factors", "sub_scores", "gates", "bid", "ask", "mid", "spread_bps", "depth_usd", "book_age_ms", "provenance",
            "attribution", "alert_channel", "reason", "entry", "exit", "pnl_pct", "fraction", "entry_time");

    /**
     * The message body for a destination kind: for Slack the webhook's JSON payload, for Telegram
     * the MarkdownV2 text (the sender wraps it with chat_id and parse_mode).
     */
    public String render(String destinationKind, Notice n) throws IOException {
        String template = byName.get(fileName(destinationKind, n.kind));
        Map<String, String> v = values(JSON.readTree(n.json));
        v.put("id", n.id);
        boolean slack = Destination.SLACK.equals(destinationKind);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String raw = v.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(slack ? jsonString(slackEscape(raw)) : markdownV2(raw)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Placeholder values of an alert or exit line (absent fields: empty). */
    static Map<String, String> values(JsonNode line) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("symbol", line.path("symbol").asText(""));
        v.put("venue", line.path("venue").asText(""));
        v.put("score", number(line.path("score")));
        v.put("band", line.path("band").asText(""));
        v.put("regime", line.path("regime").asText(""));
        v.put("event_time", time(line.path("ts")));
        v.put("factors", pairs(line.path("factors")));
        v.put("sub_scores", pairs(line.path("sub_scores")));
        v.put("gates", gates(line.path("gates")));
        JsonNode micro = line.path("microstructure");
        for (String f : List.of("bid", "ask", "mid", "spread_bps", "depth_usd", "book_age_ms")) {
            v.put(f, number(micro.path(f)));
        }
        JsonNode p = line.path("provenance");
        v.put("provenance", p.isMissingNode() ? "" : p.path("venue").asText("") + " conn " + p.path("conn").asText("")
                + " frame " + p.path("frame").asText(""));
        List<String> attribution = new ArrayList<>();
        line.path("attribution").forEach(a -> attribution.add(a.asText()));
        v.put("attribution", String.join("; ", attribution));
        v.put("alert_channel", line.path("channel").asText(""));
        v.put("reason", line.path("reason").asText(""));
        v.put("entry", number(line.path("entry")));
        v.put("exit", number(line.path("exit")));
        v.put("pnl_pct", number(line.path("pnl_pct")));
        v.put("fraction", number(line.path("fraction")));
        v.put("entry_time", time(line.path("entry_ts")));
        return v;
    }

    /** A JSON number as its exact decimal text ({@code n/a} when absent or null). */
    public static String number(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return "n/a";
        return n.isBigDecimal() ? n.decimalValue().toPlainString() : n.asText();
    }

    /** Epoch µs as an ISO-8601 instant (empty when absent). */
    public static String time(JsonNode micros) {
        return micros.canConvertToLong() ? instant(micros.asLong()) : "";
    }

    public static String instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString();
    }

    private static String pairs(JsonNode obj) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey() + " " + number(e.getValue()));
        }
        return String.join(" · ", out);
    }

    private static String gates(JsonNode gates) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = gates.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean pass = e.getValue().path("pass").asBoolean(false);
            List<String> reasons = new ArrayList<>();
            e.getValue().path("reasons").forEach(r -> reasons.add(r.asText()));
            out.add(e.getKey() + (pass ? " ✓" : " ✗") + (reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")"));
        }
        return String.join(", ", out);
    }

    /**
     * Telegram MarkdownV2 (core.telegram.org/bots/api#markdownv2-style): outside entities each of
     * {@code _ * [ ] ( ) ~ ` > # + - = | { } . !} and the backslash itself must be preceded by a
     * backslash.
     */
    public static String markdownV2(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("_*[]()~`>#+-=|{}.!\\".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    /** Slack mrkdwn control characters (api.slack.com "Formatting text": escape &, <, >). */
    public static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The contents of a JSON string literal (without the quotes). */
    static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
