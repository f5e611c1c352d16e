package io.cryptorun.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the two APIs' answers are classified. */
class HttpSenderTest {
    static final Destination SLACK = Destination.parse("slack:desk");
    static final Destination TG = Destination.parse("telegram:ops:-1001");

    @Test
    void slack() {
        assertThat(HttpSender.classify(SLACK, 200, Optional.empty(), "ok")).isEqualTo(new Outcome(Outcome.Kind.SENT, 200, 0, ""));
        assertThat(HttpSender.classify(SLACK, 429, Optional.of("7"), "rate_limited"))
                .isEqualTo(new Outcome(Outcome.Kind.RATE_LIMITED, 429, 7000, "rate_limited"));
        assertThat(HttpSender.classify(SLACK, 404, Optional.empty(), "no_service").kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(HttpSender.classify(SLACK, 400, Optional.empty(), "invalid_payload").kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(HttpSender.classify(SLACK, 410, Optional.empty(), "channel_is_archived").kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(HttpSender.classify(SLACK, 500, Optional.empty(), "rollup_error").kind()).isEqualTo(Outcome.Kind.TRANSIENT);
        assertThat(HttpSender.classify(SLACK, 503, Optional.empty(), "").kind()).isEqualTo(Outcome.Kind.TRANSIENT);
    }

    @Test
    void telegram() {
        assertThat(HttpSender.classify(TG, 200, Optional.empty(), "{\"ok\":true,\"result\":{}}").kind()).isEqualTo(Outcome.Kind.SENT);
        assertThat(HttpSender.classify(TG, 429, Optional.empty(),
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3\",\"parameters\":{\"retry_after\":3}}"))
                .isEqualTo(new Outcome(Outcome.Kind.RATE_LIMITED, 429, 3000, "Too Many Requests: retry after 3"));
        assertThat(HttpSender.classify(TG, 400, Optional.empty(),
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"))
                .isEqualTo(new Outcome(Outcome.Kind.PERMANENT, 400, 0, "Bad Request: chat not found"));
        assertThat(HttpSender.classify(TG, 401, Optional.empty(), "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}").kind())
                .isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(HttpSender.classify(TG, 502, Optional.empty(), "<html>bad gateway</html>").kind()).isEqualTo(Outcome.Kind.TRANSIENT);
    }

    @Test
    void telegramBodyCarriesChatIdTextAndParseMode() {
        assertThat(HttpSender.body(TG, "a \"b\"\nc")).isEqualTo("{\"chat_id\":\"-1001\",\"text\":\"a \\\"b\\\"\\nc\",\"parse_mode\":\"MarkdownV2\"}");
        assertThat(HttpSender.url(TG, "123:ABC", "http://127.0.0.1:1")).isEqualTo("http://127.0.0.1:1/bot123:ABC/sendMessage");
    }

    @Test
    void destinationsParseAndNameTheirSecrets() {
        assertThat(SLACK.id()).isEqualTo("slack:desk");
        assertThat(SLACK.secretEnv()).isEqualTo("CRYPTORUN_SLACK_DESK_WEBHOOK");
        assertThat(Destination.parse("telegram:night-ops:@cryptorun_alerts").secretEnv()).isEqualTo("CRYPTORUN_TELEGRAM_NIGHT_OPS_TOKEN");
        for (String bad : new String[] {"slack", "slack:Desk", "telegram:ops", "telegram:ops:abc", "email:x", "slack:desk:1"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Destination.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
