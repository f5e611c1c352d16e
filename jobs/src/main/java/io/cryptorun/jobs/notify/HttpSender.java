package io.cryptorun.jobs.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP POST to a destination and its classification ({@link Outcome}). Knows the two APIs:
 * <ul>
 *   <li>Slack incoming webhook: POST the JSON payload to the webhook URL; 200 {@code ok} on
 *       success; 429 with a {@code Retry-After} header (seconds); 400 {@code invalid_payload},
 *       403 {@code action_prohibited}, 404 {@code channel_not_found}/{@code no_service},
 *       410 {@code channel_is_archived} are permanent; 5xx transient.</li>
 *   <li>Telegram {@code sendMessage}: POST {@code {"chat_id","text","parse_mode":"MarkdownV2"}}
 *       to {@code <api base>/bot<token>/sendMessage}; the answer is
 *       {@code {"ok":…,"error_code":…,"description":…,"parameters":{"retry_after":s}}}; 429 carries
 *       {@code parameters.retry_after}; 400 (e.g. "chat not found", "can't parse entities"),
 *       401, 403 are permanent.</li>
 * </ul>
 * The URL holds the secret, so it appears in no outcome, exception or log line: I/O failures are
 * reported by their exception class only.
 */
public final class HttpSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpSender(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    /** The Telegram API base (env {@code TELEGRAM_API_BASE}, default {@code https://api.telegram.org}). */
    public static String telegramBase(java.util.Map<String, String> env) {
        String b = env.getOrDefault("TELEGRAM_API_BASE", "https://api.telegram.org");
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** The request body for a rendered message. */
    public static String body(Destination d, String rendered) {
        if (Destination.SLACK.equals(d.kind())) return rendered;
        return "{\"chat_id\":\"" + Templates.jsonString(d.chatId()) + "\",\"text\":\"" + Templates.jsonString(rendered)
                + "\",\"parse_mode\":\"MarkdownV2\"}";
    }

    /** Slack: the webhook URL; Telegram: {@code base + "/bot" + token + "/sendMessage"}. */
    public static String url(Destination d, String secret, String telegramBase) {
        return Destination.SLACK.equals(d.kind()) ? secret : telegramBase + "/bot" + secret + "/sendMessage";
    }

    public Outcome post(Destination d, String url, String body) {
        HttpResponse<String> r;
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            r = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Outcome(Outcome.Kind.TRANSIENT, 0, 0, "timeout");
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.TRANSIENT, 0, 0, "io: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return new Outcome(Outcome.Kind.PERMANENT, 0, 0, "malformed destination URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Outcome.Kind.TRANSIENT, 0, 0, "interrupted");
        }
        return classify(d, r.statusCode(), r.headers().firstValue("Retry-After"), r.body());
    }

    static Outcome classify(Destination d, int status, Optional<String> retryAfterHeader, String body) {
        boolean telegram = Destination.TELEGRAM.equals(d.kind());
        JsonNode json = null;
        if (telegram) {
            try {
                json = JSON.readTree(body == null ? "" : body);
            } catch (IOException e) {
                json = null;
            }
        }
        String detail = telegram && json != null ? json.path("description").asText("") : shortText(body);
        if (status >= 200 && status < 300) {
            if (telegram && (json == null || !json.path("ok").asBoolean(false))) {
                return new Outcome(Outcome.Kind.TRANSIENT, status, 0, "not ok: " + detail);
            }
            return new Outcome(Outcome.Kind.SENT, status, 0, "");
        }
        if (status == 429) {
            long ms = -1;
            if (telegram && json != null && json.path("parameters").path("retry_after").canConvertToLong()) {
                ms = json.path("parameters").path("retry_after").asLong() * 1000L;
            }
            if (ms < 0 && retryAfterHeader.isPresent()) {
                try {
                    ms = Long.parseLong(retryAfterHeader.get().strip()) * 1000L;
                } catch (NumberFormatException e) {
                    ms = -1;
                }
            }
            return new Outcome(Outcome.Kind.RATE_LIMITED, status, ms < 0 ? 1000L : ms, detail);
        }
        if (status >= 500 || status == 408) {
            return new Outcome(Outcome.Kind.TRANSIENT, status, 0, detail);
        }
        return new Outcome(Outcome.Kind.PERMANENT, status, 0, detail);
    }

    private static String shortText(String s) {
        if (s == null) return "";
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
