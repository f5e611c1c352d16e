package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbConfigTest {
    static final DbConfig.Cli NONE = new DbConfig.Cli(null, null, null);

    @TempDir
    Path dir;

    @Test
    void noDsnAnywhereMeansNoPostgres() throws Exception {
        assertThat(DbConfig.resolve(NONE, null, Map.of())).isEmpty();
    }

    @Test
    void libpqUriBecomesJdbcUrlWithItsUser() {
        DbConfig.Dsn d = DbConfig.parseDsn("postgresql://scanner@db.internal:5433/cryptorun?sslmode=require");
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/cryptorun?sslmode=require");
        assertThat(d.user()).isEqualTo("scanner");
        assertThat(DbConfig.parseDsn("jdbc:postgresql://127.0.0.1:15432/cryptorun").jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:15432/cryptorun");
    }

    @Test
    void aDsnWithAPasswordIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> DbConfig.parseDsn("postgresql://u:s3cret@h/db"))
                .hasMessageContaining("password").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> DbConfig.parseDsn("jdbc:postgresql://h/db?user=u&password=s3cret"))
                .hasMessageContaining("password").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> DbConfig.parseDsn("mysql://h/db?password=s3cret")).hasMessageNotContaining("s3cret");
    }

    @Test
    void yamlThenEnvThenCommandLineAndThePasswordOnlyFromEnvOrFile() throws Exception {
        Path yaml = dir.resolve("cryptorun.yaml");
        Files.writeString(yaml, "postgres:\n  dsn: postgresql://fromyaml@yamlhost/db\n  batch_size: 250\n  socket_timeout_s: 30\n");
        PgSettings fromYaml = DbConfig.resolve(NONE, yaml, Map.of("PG_PASSWORD", "pw-env")).orElseThrow();
        assertThat(fromYaml.jdbcUrl()).isEqualTo("jdbc:postgresql://yamlhost/db");
        assertThat(fromYaml.user()).isEqualTo("fromyaml");
        assertThat(fromYaml.password()).isEqualTo("pw-env");
        assertThat(fromYaml.batchSize()).isEqualTo(250);
        assertThat(fromYaml.socketTimeoutS()).isEqualTo(30);

        Path secret = dir.resolve("secret");
        Files.writeString(secret, "pw-file\n");
        PgSettings overridden = DbConfig.resolve(new DbConfig.Cli("jdbc:postgresql://clihost/db", "cliuser", secret), yaml,
                Map.of("PG_DSN", "postgresql://envuser@envhost/db", "PG_BATCH_SIZE", "99", "PG_PASSWORD", "pw-env")).orElseThrow();
        assertThat(overridden.jdbcUrl()).isEqualTo("jdbc:postgresql://clihost/db");
        assertThat(overridden.user()).isEqualTo("cliuser");
        assertThat(overridden.password()).as("a password file wins over PG_PASSWORD").isEqualTo("pw-file");
        assertThat(overridden.batchSize()).isEqualTo(99);
        assertThat(overridden.toString()).doesNotContain("pw-file").contains("password=***");

        Files.writeString(yaml, "postgres:\n  dsn: postgresql://h/db\n  password: inline\n");
        assertThatThrownBy(() -> DbConfig.resolve(NONE, yaml, Map.of())).hasMessageNotContaining("inline");
    }
}
