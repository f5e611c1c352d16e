package io.cryptorun.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.settings.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code validation:} section of the config file: on by default, switchable, bad values named. */
class ValidationSettingsTest {
    @TempDir
    Path dir;

    ValidationSettings load(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ValidationSettings.load(f, ValidationSettings.defaults());
    }

    @Test
    void defaultsOnAndSwitchable() throws Exception {
        assertThat(ValidationSettings.defaults().enabled()).isTrue();
        assertThat(ValidationSettings.load(dir.resolve("absent.yaml"), ValidationSettings.defaults())).isEqualTo(ValidationSettings.defaults());
        assertThat(load("thresholds: {}\n")).isEqualTo(ValidationSettings.defaults());
        assertThat(load("validation:\n  enabled: false\n").enabled()).isFalse();
        ValidationSettings b = load("validation:\n  enabled: true\n  region: b\n");
        assertThat(b.enabled()).isTrue();
        assertThat(b.region()).isEqualTo("b");
        assertThat(b.tier()).isEqualTo("hot");
        // the shipped config keeps it on
        assertThat(ValidationSettings.load(Path.of("..", "config", "cryptorun.yaml"), ValidationSettings.defaults().withEnabled(false))
                .enabled()).isTrue();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> load("validation:\n  enabled: yes please\n")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("validation.enabled");
        assertThatThrownBy(() -> load("validation:\n  enable: false\n")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("validation.enable");
        assertThatThrownBy(() -> load("validation:\n  region: \"B C\"\n")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("validation.region");
        assertThatThrownBy(() -> load("validation: on\n")).isInstanceOf(InvalidSettingsException.class);
    }
}
