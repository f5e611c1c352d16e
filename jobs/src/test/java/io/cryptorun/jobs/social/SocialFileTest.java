package io.cryptorun.jobs.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.functions.scan.SocialSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocialFileTest {
    @TempDir
    Path dir;

    @Test
    void readsSortsAndSkipsCommentsAndBlankLines() throws IOException {
        Files.writeString(dir.resolve("social.jsonl"), """
                # a comment
                {"ts":2000,"symbol":"SOL/USD","social":12.5}

                {"ts":1000,"symbol":"BTC/USD","social":-3}
                {"ts":1000,"symbol":"ADA/USD","social":0.1}
                """);
        List<SocialSignal> s = SocialFile.forFixtures(dir);
        assertThat(s).containsExactly(new SocialSignal(1000, "ADA/USD", 0.1), new SocialSignal(1000, "BTC/USD", -3),
                new SocialSignal(2000, "SOL/USD", 12.5));
    }

    @Test
    void noFileMeansNoSocialInput() throws IOException {
        assertThat(SocialFile.forFixtures(dir)).isEmpty();
        assertThat(SocialFile.forFixtures(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aBadLineFailsWithItsLineNumber() throws IOException {
        for (String bad : List.of("{\"ts\":1,\"symbol\":\"X/USD\"}", "{\"ts\":\"1\",\"symbol\":\"X/USD\",\"social\":1}",
                "{\"ts\":1,\"symbol\":\"\",\"social\":1}", "{\"ts\":1,\"symbol\":\"X/USD\",\"social\":\"high\"}", "not json")) {
            Files.writeString(dir.resolve("social.jsonl"), "{\"ts\":1,\"symbol\":\"X/USD\",\"social\":1}\n" + bad + "\n");
            assertThatThrownBy(() -> SocialFile.forFixtures(dir)).as(bad).isInstanceOf(IOException.class)
                    .hasMessageContaining("line 2");
        }
    }
}
