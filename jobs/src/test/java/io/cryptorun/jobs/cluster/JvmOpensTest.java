package io.cryptorun.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * flink-conf/jvm-opens.txt is the one list of --add-opens/--add-exports flags (the scripts read it);
 * Maven cannot read a file into a property with the plugins on hand, so the root pom carries the
 * same list in the property jvm.opens: this test fails when the two differ, and when a flag list
 * is spelled out anywhere else again.
 */
class JvmOpensTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<String> fileFlags() throws IOException {
        return Files.readAllLines(ROOT.resolve("flink-conf/jvm-opens.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void pomPropertyEqualsTheFile() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<jvm\\.opens>([^<]*)</jvm\\.opens>").matcher(pom);
        assertThat(m.find()).as("root pom.xml has a <jvm.opens> property").isTrue();
        List<String> pomFlags = Arrays.stream(m.group(1).strip().split("\\s+")).toList();
        assertThat(pomFlags).isEqualTo(fileFlags());
        assertThat(fileFlags()).isNotEmpty().allMatch(f -> f.matches("--add-(opens|exports)=[\\w.]+/[\\w.]+=ALL-UNNAMED"))
                .doesNotHaveDuplicates();
        // both argLines use the property
        assertThat(pom.split("<argLine>", -1)).hasSize(3);
        assertThat(Pattern.compile("<argLine>[^<]*\\$\\{jvm\\.opens}[^<]*</argLine>").matcher(pom).results().count()).isEqualTo(2);
    }

    @Test
    void thisJvmRunsWithThem() {
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        // surefire passes the argLine: every flag of the file reached the test JVM
        List<String> flags;
        try {
            flags = fileFlags();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(args).containsAll(flags);
    }

    @Test
    void noScriptSpellsOutItsOwnList() throws IOException {
        for (String script : List.of("cryptorun", "deploy/local/cluster.sh", "deploy/local/sql.sh", "deploy/local/lib.sh",
                "deploy/local/services.sh", "deploy/local/cluster-test.sh", "deploy/local/sql-test.sh")) {
            Path p = ROOT.resolve(script);
            if (!Files.exists(p)) continue;
            assertThat(Files.readString(p)).as(script).doesNotContain("--add-opens=").doesNotContain("--add-exports=");
        }
    }
}
