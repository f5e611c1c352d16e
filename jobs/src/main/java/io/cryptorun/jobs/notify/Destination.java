package io.cryptorun.jobs.notify;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A place alerts go: a Slack incoming webhook or a Telegram chat. Carries no secret: the webhook
 * URL / bot token is looked up on the task manager when the notifier opens ({@link #secret}), from
 * the environment variable {@link #secretEnv()} or the file {@code <secrets dir>/<kind>-<name>}
 * (a mounted secret), so it never enters the job graph, the job configuration or a log line.
 *
 * @param kind      {@code slack} or {@code telegram}
 * @param name      the user's name for it ({@code [a-z0-9_-]+})
 * @param chatId    Telegram chat id (not a secret), null for Slack
 * @param perSecond sustained rate the token bucket allows (the API's documented limit)
 * @param burst     bucket capacity
 */
public record Destination(String kind, String name, String chatId, double perSecond, int burst) implements Serializable {
    public static final String SLACK = "slack";
    public static final String TELEGRAM = "telegram";

    /**
     * Slack: incoming webhooks accept 1 message per second, short bursts tolerated
     * (api.slack.com "Rate limits", "Posting messages"). Telegram: about 1 message per second
     * per chat, at most 20 per minute in a group (core.telegram.org/bots/faq); one bucket of
     * 1/s with no burst keeps under both for a chat.
     */
    public static Destination parse(String spec) {
        String[] p = spec.split(":", 3);
        String kind = p[0].toLowerCase(Locale.ROOT);
        if (p.length < 2 || !p[1].matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("destination '" + spec + "': expected slack:NAME or telegram:NAME:CHAT_ID "
                    + "(NAME of a-z, 0-9, _ and -)");
        }
        return switch (kind) {
            case SLACK -> {
                if (p.length == 3) throw new IllegalArgumentException("destination '" + spec + "': slack:NAME takes no chat id");
                yield new Destination(SLACK, p[1], null, 1.0, 3);
            }
            case TELEGRAM -> {
                if (p.length < 3 || !p[2].matches("-?[0-9]+|@[A-Za-z0-9_]+")) {
                    throw new IllegalArgumentException("destination '" + spec + "': expected telegram:NAME:CHAT_ID "
                            + "(a numeric chat id or @channelname)");
                }
                yield new Destination(TELEGRAM, p[1], p[2], 1.0, 1);
            }
            default -> throw new IllegalArgumentException("destination '" + spec + "': unknown kind '" + p[0] + "' (slack, telegram)");
        };
    }

    /** The ledger's channel and the target of a channel mute: {@code slack:desk}, {@code telegram:ops}. */
    public String id() {
        return kind + ":" + name;
    }

    /** {@code CRYPTORUN_SLACK_DESK_WEBHOOK}, {@code CRYPTORUN_TELEGRAM_OPS_TOKEN}. */
    public String secretEnv() {
        return "CRYPTORUN_" + kind.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                + (SLACK.equals(kind) ? "_WEBHOOK" : "_TOKEN");
    }

    /** The file name of the secret in a secrets directory: {@code slack-desk}, {@code telegram-ops}. */
    public String secretFile() {
        return kind + "-" + name;
    }

    /** The webhook URL or bot token, from the environment first, then the secrets directory. */
    public String secret(Map<String, String> env, Path secretsDir) throws IOException {
        String v = env.get(secretEnv());
        if (v != null && !v.isBlank()) return v.strip();
        if (secretsDir != null) {
            Path f = secretsDir.resolve(secretFile());
            if (Files.isRegularFile(f)) {
                String s = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (!s.isEmpty()) return s;
            }
        }
        throw new IOException("no secret for " + id() + ": set " + secretEnv() + " or put it in the file "
                + (secretsDir == null ? "<secrets dir>/" + secretFile() + " (--secrets-dir)" : secretsDir.resolve(secretFile())));
    }

    @Override
    public String toString() {
        return id();
    }
}
