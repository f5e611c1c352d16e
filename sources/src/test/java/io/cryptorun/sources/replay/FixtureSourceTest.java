package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.InvalidFixtureException;
import static io.cryptorun.sources.replay.ReplayTestSupport.T0;
import static io.cryptorun.sources.replay.ReplayTestSupport.heartbeatLine;
import static io.cryptorun.sources.replay.ReplayTestSupport.write;
import static io.cryptorun.sources.replay.ReplayTestSupport.writeManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.model.MarketEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureSourceTest {
    @TempDir
    Path dir;

    @Test
    void directoryMeansItsVerifiedManifestFrameFiles() throws Exception {
        Path a = write(dir.resolve("b-0.jsonl"), List.of(heartbeatLine(T0, "b0")));
        Path b = write(dir.resolve("a-0.jsonl.gz"), List.of(heartbeatLine(T0, "a0")));
        Path h = write(dir.resolve("bars.csv"), List.of("venue,symbol,interval,open_time,open,high,low,close,volume,trades,vwap"));
        writeManifest(dir, List.of(a, b), List.of(h));
        var src = FixtureSource.of(List.of(dir), 0);
        assertThat(src.paths()).containsExactly(b.toString(), a.toString());
        assertThat(src.getProducedType()).isEqualTo(TypeInformation.of(MarketEvent.class));
    }

    @Test
    void manifestThatDoesNotVerifyFailsWithEveryProblem() throws Exception {
        Path a = write(dir.resolve("a.jsonl"), List.of(heartbeatLine(T0, "a")));
        Path b = write(dir.resolve("b.jsonl"), List.of(heartbeatLine(T0, "b")));
        writeManifest(dir, List.of(a, b), List.of());
        Files.writeString(a, heartbeatLine(T0 + 1, "a") + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.delete(b);
        assertThatThrownBy(() -> FixtureSource.of(List.of(dir), 0))
                .isInstanceOfSatisfying(InvalidFixtureException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("a.jsonl: sha256"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("a.jsonl: 2 lines, manifest says 1"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("b.jsonl: missing"));
                })
                .hasMessageContaining("invalid replay input");
    }

    @Test
    void plainFileListNeedsNoManifestButFilesMustExist() throws Exception {
        Path a = write(dir.resolve("a.jsonl"), List.of(heartbeatLine(T0, "a")));
        assertThat(FixtureSource.of(List.of(a), 0).paths()).containsExactly(a.toString());
        assertThatThrownBy(() -> FixtureSource.of(List.of(a, dir.resolve("nope.jsonl"), dir.resolve("gone.jsonl")), 0))
                .isInstanceOfSatisfying(InvalidFixtureException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void directoryWithoutManifestIsRefused() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> FixtureSource.of(List.of(empty), 0)).isInstanceOf(InvalidFixtureException.class)
                .hasMessageContaining("manifest.json");
    }

    @Test
    void speedOption() {
        assertThat(FixtureSource.parseSpeed("max")).isZero();
        assertThat(FixtureSource.parseSpeed("0")).isZero();
        assertThat(FixtureSource.parseSpeed("10x")).isEqualTo(10);
        assertThat(FixtureSource.parseSpeed(" 0.5 ")).isEqualTo(0.5);
        assertThatThrownBy(() -> FixtureSource.parseSpeed("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixtureSource.parseSpeed("fast")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixtureSource.parseSpeed("NaN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixtureSource.builder(List.of()).maxFrameBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marketEventIsAPojoTypeWithoutGenericFields() {
        var type = TypeInformation.of(MarketEvent.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        var config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        // throws UnsupportedOperationException if any nested field would need Kryo
        assertThat(type.createSerializer(config)).isNotNull();
    }
}
