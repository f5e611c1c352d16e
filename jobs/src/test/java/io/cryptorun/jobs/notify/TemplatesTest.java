package io.cryptorun.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in templates render exactly, with the escaping each API requires. */
class TemplatesTest {
    /** An alert line as AnalyticsJson.alert writes it (field order included). */
    static final String ALERT = "{\"ts\":1736136000000000,\"symbol\":\"BCH/USD\",\"venue\":\"kraken\",\"score\":78.32107421,"
            + "\"band\":\"MODERATE\",\"regime\":\"CHOPPY\","
            + "\"factors\":{\"momentum\":1.25,\"technical\":-0.5,\"volume\":0.000012,\"quality\":2},"
            + "\"sub_scores\":{\"momentum\":89.4,\"technical\":30.8,\"volume\":50,\"quality\":97.7},"
            + "\"pass\":true,\"gates\":{\"freshness\":{\"pass\":true,\"reasons\":[]},\"microstructure\":{\"pass\":true,\"reasons\":[]}},"
            + "\"microstructure\":{\"ts\":1736135999000000,\"bid\":442.71,\"ask\":442.85,\"mid\":442.78,\"spread_bps\":3.16,"
            + "\"depth_usd\":250000.5,\"book_age_ms\":120},\"channel\":\"default\","
            + "\"provenance\":{\"venue\":\"kraken\",\"conn\":0,\"frame\":1234},"
            + "\"attribution\":[\"kraken: exchange-native WebSocket market data\"]}";
    static final String EXIT = "{\"ts\":1736143320000000,\"symbol\":\"BCH/USD\",\"entry\":442.78,\"exit\":423.3,"
            + "\"reason\":\"hard_stop\",\"pnl_pct\":-4.399476038,\"entry_ts\":1736136000000000,\"fraction\":1}";

    static Notice alert(String dest) throws Exception {
        return new Notice(dest, "alert/1736136000000000/BCH/USD/default", Notice.ALERT, "BCH/USD", 1736136000000000L, ALERT);
    }

    static Notice exit(String dest) throws Exception {
        return new Notice(dest, "exit/1736143320000000/BCH/USD/hard_stop/1736136000000000", Notice.EXIT, "BCH/USD", 1736143320000000L, EXIT);
    }

    @TempDir
    Path dir;

    @Test
    void idsComeFromTheNaturalKeys() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(NoticeIds.of(Notice.ALERT, json.readTree(ALERT))).isEqualTo(alert("slack:desk").id);
        assertThat(NoticeIds.of(Notice.EXIT, json.readTree(EXIT))).isEqualTo(exit("slack:desk").id);
    }

    @Test
    void telegramAlertIsMarkdownV2WithEveryReservedCharacterEscaped() throws Exception {
        String text = Templates.load(null).render(Destination.TELEGRAM, alert("telegram:ops"));
        assertThat(text).isEqualTo(String.join("\n",
                "*BCH/USD* pre\\-move alert",
                "Score *78\\.32107421* \\(MODERATE\\) · regime CHOPPY · venue kraken",
                "Event time 2025\\-01\\-06T04:00:00Z",
                "Factors: momentum 1\\.25 · technical \\-0\\.5 · volume 0\\.000012 · quality 2",
                "Gates: freshness ✓, microstructure ✓",
                "Book: bid 442\\.71 / ask 442\\.85 · spread 3\\.16 bps · depth ±2% 250000\\.5 USD · age 120 ms",
                "_Provenance kraken conn 0 frame 1234 · kraken: exchange\\-native WebSocket market data_",
                "`alert/1736136000000000/BCH/USD/default`", ""));
    }

    @Test
    void markdownV2EscapesExactlyTheReservedSet() {
        assertThat(Templates.markdownV2("_*[]()~`>#+-=|{}.!\\ a/b%&"))
                .isEqualTo("\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\ a/b%&");
    }

    @Test
    void slackAlertIsAValidBlocksPayloadWithExactTexts() throws Exception {
        String body = Templates.load(null).render(Destination.SLACK, alert("slack:desk"));
        JsonNode p = new ObjectMapper().readTree(body);
        assertThat(p.path("text").asText()).isEqualTo("Pre-move alert: BCH/USD on kraken score 78.32107421 (MODERATE)");
        assertThat(p.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("BCH/USD pre-move alert");
        assertThat(p.path("blocks").get(1).path("fields").get(0).path("text").asText()).isEqualTo("*Score*\n78.32107421 (MODERATE)");
        assertThat(p.path("blocks").get(1).path("fields").get(3).path("text").asText()).isEqualTo("*Event time*\n2025-01-06T04:00:00Z");
        assertThat(p.path("blocks").get(2).path("text").path("text").asText())
                .isEqualTo("*Factors* momentum 1.25 · technical -0.5 · volume 0.000012 · quality 2\n*Gates* freshness ✓, microstructure ✓");
        assertThat(p.path("blocks").get(3).path("text").path("text").asText())
                .isEqualTo("*Book* bid 442.71 / ask 442.85 · spread 3.16 bps · depth ±2% 250000.5 USD · age 120 ms");
        assertThat(p.path("blocks").get(4).path("elements").get(0).path("text").asText())
                .isEqualTo("provenance kraken conn 0 frame 1234 · kraken: exchange-native WebSocket market data · "
                        + "alert/1736136000000000/BCH/USD/default");
    }

    @Test
    void exitTemplatesOfBothChannels() throws Exception {
        Templates t = Templates.load(null);
        assertThat(t.render(Destination.TELEGRAM, exit("telegram:ops"))).isEqualTo(String.join("\n",
                "*BCH/USD* paper exit: hard\\_stop",
                "Entry 442\\.78 at 2025\\-01\\-06T04:00:00Z",
                "Exit 423\\.3 at 2025\\-01\\-06T06:02:00Z",
                "P&L \\-4\\.399476038 % · fraction 1",
                "`exit/1736143320000000/BCH/USD/hard\\_stop/1736136000000000`", ""));
        JsonNode p = new ObjectMapper().readTree(t.render(Destination.SLACK, exit("slack:desk")));
        assertThat(p.path("text").asText()).isEqualTo("Paper exit: BCH/USD hard_stop -4.399476038 %");
        assertThat(p.path("blocks").get(1).path("fields").get(2).path("text").asText()).isEqualTo("*P&amp;L*\n-4.399476038 %");
    }

    @Test
    void slackValuesAreMrkdwnAndJsonEscaped() throws Exception {
        String hostile = ALERT.replace("\"CHOPPY\"", "\"<!here> & \\\"quoted\\\"\\n\"");
        Notice n = alert("slack:desk");
        n.json = hostile;
        JsonNode p = new ObjectMapper().readTree(Templates.load(null).render(Destination.SLACK, n));
        assertThat(p.path("blocks").get(1).path("fields").get(1).path("text").asText())
                .isEqualTo("*Regime*\n&lt;!here&gt; &amp; \"quoted\"\n");
    }

    @Test
    void aUserTemplateReplacesTheBuiltInOneAndAnUnknownPlaceholderIsRefused() throws Exception {
        Files.writeString(dir.resolve("telegram-alert.md"), "{{symbol}} {{score}} [{{band}}]");
        assertThat(Templates.load(dir).render(Destination.TELEGRAM, alert("telegram:ops"))).isEqualTo("BCH/USD 78\\.32107421 [MODERATE]");
        // the others stay built in
        assertThat(Templates.load(dir).render(Destination.TELEGRAM, exit("telegram:ops"))).startsWith("*BCH/USD* paper exit");
        Files.writeString(dir.resolve("slack-exit.json"), "{\"text\":\"{{symbl}}\"}");
        assertThatThrownBy(() -> Templates.load(dir)).hasMessageContaining("slack-exit.json: unknown placeholder {{symbl}}");
    }
}
