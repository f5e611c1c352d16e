package io.cryptorun.jobs.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cryptorun.functions.validate.ValidationConfig;
import io.cryptorun.jobs.settings.InvalidSettingsException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The validation layer of the scanner job (issue 17), from the {@code validation:} section of the config file.
 *
 * @param enabled    validate trades (quarantining anomalies) before the bars; off: trades go straight to the bars
 * @param tier       the {@code tier} label of {@code cryptorun_quarantine_total}
 * @param region     the {@code region} label: where this job runs
 * @param thresholds the checks' thresholds ({@link ValidationConfig#defaults()})
 * @param books      also validate book states (uid {@code validate-books}); off by default: on the evaluation
 *                   scenario its mid check flags thousands of wide-spread, stale-then-refreshed books as
 *                   {@code book_price_z} (docs/DATA_MULTI_REGION.md), which keeps real moves out of the scores
 */
public record ValidationSettings(boolean enabled, String tier, String region, ValidationConfig thresholds, boolean books)
        implements Serializable {
    public static final String SECTION = "validation";
    private static final Set<String> KEYS = Set.of("enabled", "region", "books");

    public static ValidationSettings defaults() {
        return new ValidationSettings(true, "hot", "a", ValidationConfig.defaults(), false);
    }

    public ValidationSettings withEnabled(boolean on) {
        return new ValidationSettings(on, tier, region, thresholds, books);
    }

    public ValidationSettings withBooks(boolean on) {
        return new ValidationSettings(enabled, tier, region, thresholds, on);
    }

    /** {@code base} with the {@code validation:} section of {@code configFile} (absent file or section: {@code base}). */
    public static ValidationSettings load(Path configFile, ValidationSettings base) throws IOException {
        if (configFile == null || !Files.isRegularFile(configFile)) {
            return base;
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
        JsonNode v = root == null ? null : root.get(SECTION);
        if (v == null || v.isNull()) {
            return base;
        }
        if (!v.isObject()) {
            throw new InvalidSettingsException(SECTION, v.asText(), "must be a section (enabled, region)");
        }
        v.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) throw new InvalidSettingsException(SECTION + "." + k, v.get(k).asText(), "unknown key (enabled, region, books)");
        });
        boolean enabled = base.enabled();
        JsonNode e = v.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) throw new InvalidSettingsException(SECTION + ".enabled", e.asText(), "must be true or false");
            enabled = e.booleanValue();
        }
        String region = base.region();
        JsonNode r = v.get("region");
        if (r != null && !r.isNull()) {
            if (!r.isTextual() || !r.asText().matches("[a-z][a-z0-9-]{0,31}")) {
                throw new InvalidSettingsException(SECTION + ".region", r.asText(), "must be a region name such as a or b");
            }
            region = r.asText();
        }
        boolean books = base.books();
        JsonNode b = v.get("books");
        if (b != null && !b.isNull()) {
            if (!b.isBoolean()) throw new InvalidSettingsException(SECTION + ".books", b.asText(), "must be true or false");
            books = b.booleanValue();
        }
        return new ValidationSettings(enabled, base.tier(), region, base.thresholds(), books);
    }
}
