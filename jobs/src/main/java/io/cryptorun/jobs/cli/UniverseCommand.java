package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.eligibility.UniverseView;
import io.cryptorun.functions.universe.UniverseEntry;
import io.cryptorun.jobs.db.DbConfig;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.notify.Templates;
import io.cryptorun.jobs.output.AnalyticsJson;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cryptorun universe}: the scanned universe at a time, from a run's {@code universe.jsonl}
 * and {@code control_audit.jsonl} or from the PostgreSQL tables {@code universe} and
 * {@code control_audit}. The fold itself is {@link UniverseView} (functions).
 */
@Command(name = "universe", mixinStandardHelpOptions = true,
        description = "The eligible universe at a time: per symbol eligible or why not, 24h ADV, VADR tier, venues with a "
                + "valid book and allow/deny state; from a run directory (--run) or PostgreSQL (--pg-dsn / PG_DSN).")
public final class UniverseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--at", paramLabel = "<instant>",
            description = "Event time (ISO-8601, e.g. 2025-01-06T04:00:00Z); default: the newest universe change.")
    String at;

    @Option(names = "--run", paramLabel = "<dir>", description = "The --out directory of a run/replay (its universe.jsonl).")
    Path run;

    @Mixin
    PgOptions pg = new PgOptions();

    @Option(names = "--json", description = "One JSON line per symbol (the universe.jsonl line plus \"alerts\").")
    boolean json;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the command read: every universe entry (≤ T for PostgreSQL) and the control commands. */
    record Input(String source, List<UniverseEntry> entries, List<ControlCommand> commands, long newest) {}

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        Long t = at == null ? null : ControlCli.micros(ControlCli.at(cmd, at));
        Input in;
        if (run != null) {
            in = fromRun(run);
        } else {
            PgSettings s = pg.resolve(System.getenv()).orElseThrow(() -> UserError.usage("no universe source given",
                    "pass --run <dir> of a replay, or --pg-dsn / PG_DSN of the scanner's database"));
            in = fromPostgres(s, t);
        }
        long when = t != null ? t : in.newest();
        for (String line : render(in, when, json)) cmd.getOut().println(line);
        cmd.getOut().flush();
        return 0;
    }

    static Input fromRun(Path dir) throws IOException {
        Path file = dir.resolve(OutputFiles.UNIVERSE);
        if (!Files.isDirectory(dir)) {
            throw UserError.usage("--run " + dir + " is not a directory", "pass the --out directory of a run or replay");
        }
        if (!Files.isRegularFile(file)) {
            throw UserError.usage("no " + OutputFiles.UNIVERSE + " in " + dir,
                    "runs made before the universe output have none: replay the input again");
        }
        List<UniverseEntry> entries = new ArrayList<>();
        for (String line : lines(file)) entries.add(entry(JSON.readTree(line)));
        List<ControlCommand> commands = new ArrayList<>();
        Path audit = dir.resolve(OutputFiles.CONTROL_AUDIT);
        if (Files.isRegularFile(audit)) {
            List<String> all = lines(audit);
            for (int i = 0; i < all.size(); i++) commands.add(command(JSON.readTree(all.get(i)), i));
        }
        long newest = entries.stream().mapToLong(UniverseEntry::tickMicros).max().orElse(Long.MIN_VALUE);
        return new Input(dir.toString(), entries, commands, newest);
    }

    /** The newest row per symbol at {@code t} (or at the newest row) and the control audit up to it. */
    static Input fromPostgres(PgSettings s, Long t) {
        try (Connection c = s.connect()) {
            Instant when;
            if (t != null) {
                when = instant(t);
            } else {
                try (PreparedStatement st = c.prepareStatement("SELECT max(ts) FROM universe"); ResultSet r = st.executeQuery()) {
                    r.next();
                    Timestamp max = r.getTimestamp(1);
                    when = max == null ? Instant.EPOCH : max.toInstant();
                }
            }
            List<UniverseEntry> entries = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT payload::text FROM universe_at(?) ORDER BY symbol")) {
                st.setTimestamp(1, Timestamp.from(when));
                try (ResultSet r = st.executeQuery()) {
                    while (r.next()) entries.add(entry(JSON.readTree(r.getString(1))));
                }
            }
            List<ControlCommand> commands = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT payload::text FROM control_audit WHERE ts <= ? ORDER BY ts, (payload->>'seq')::bigint")) {
                st.setTimestamp(1, Timestamp.from(when));
                try (ResultSet r = st.executeQuery()) {
                    int i = 0;
                    while (r.next()) commands.add(command(JSON.readTree(r.getString(1)), i++));
                }
            }
            long newest = when.getEpochSecond() * 1_000_000L + when.getNano() / 1_000L;
            return new Input(DbConfig.redact(s.jdbcUrl()), entries, commands, newest);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "42883".equals(e.getSQLState())) {
                throw UserError.runtime("the database at " + DbConfig.redact(s.jdbcUrl()) + " has no universe table",
                        "apply the migrations: ./cryptorun db migrate", e);
            }
            throw Preflight.postgresError(e);
        } catch (IOException e) {
            throw UserError.runtime("unreadable row in the universe table: " + e.getMessage(), "check the scanner version", e);
        }
    }

    /** The table (or JSON lines) for time {@code t}. */
    static List<String> render(Input in, long t, boolean json) {
        List<UniverseView.Row> rows = UniverseView.at(t, in.entries(), in.commands());
        List<String> out = new ArrayList<>();
        if (json) {
            for (UniverseView.Row r : rows) {
                String line = AnalyticsJson.universe(r.entry());
                out.add(line.substring(0, line.length() - 1) + ",\"alerts\":\"" + r.list() + "\"}");
            }
            return out;
        }
        long eligible = rows.stream().filter(r -> r.entry().eligible()).count();
        out.add("universe at " + (t == Long.MIN_VALUE ? "-" : Templates.instant(t)) + " (" + in.source() + "): "
                + eligible + " eligible, " + (rows.size() - eligible) + " excluded");
        if (rows.isEmpty()) {
            out.add("no universe entries at or before that time");
            return out;
        }
        String fmt = "%-10s %-9s %15s %-10s %8s %-26s %-11s %-20s %s";
        out.add(String.format(fmt, "SYMBOL", "STATUS", "ADV 24H USD", "TIER", "VADR MIN", "VENUES (BOOK OK)", "ALERTS",
                "SINCE", "WHY EXCLUDED"));
        for (UniverseView.Row r : rows) {
            UniverseEntry e = r.entry();
            out.add(String.format(fmt, e.symbol(), e.eligible() ? "eligible" : "excluded", usd(e.adv24hUsd()), e.advTier(),
                    plain(e.vadrMinimum()), e.venues().length == 0 ? "-" : String.join(",", e.venues()), r.list(),
                    Templates.instant(e.tickMicros()), e.eligible() ? "" : why(e.reason())).stripTrailing());
        }
        return out;
    }

    /** The reason code and what it means. */
    static String why(String reason) {
        String text = switch (reason) {
            case "quote_not_usd" -> "quote currency is not USD";
            case "stablecoin" -> "the base is a stablecoin";
            case "not_a_pair" -> "not a BASE/QUOTE symbol";
            case "adv_unknown" -> "24h ADV not known yet (no consolidated 1h bars)";
            case "adv_below_min" -> "24h ADV below the universe minimum";
            case "no_valid_book" -> "no venue with a valid, fresh book";
            default -> null;
        };
        return text == null ? reason : reason + ": " + text;
    }

    private static String usd(double v) {
        if (!Double.isFinite(v)) return "unknown";
        return String.format("%,d", new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString() : "-";
    }

    static UniverseEntry entry(JsonNode n) {
        List<String> venues = new ArrayList<>();
        n.path("venues").forEach(v -> venues.add(v.asText()));
        return new UniverseEntry(n.path("symbol").asText(), n.path("ts").asLong(), text(n, "reason"), num(n, "adv_24h_usd"),
                n.path("adv_tier").asText(), num(n, "vadr_min"), num(n, "vadr"), n.path("vadr_bars").asInt(),
                venues.toArray(new String[0]), text(n, "best_venue"));
    }

    /** A control_audit line as the command it records ({@code seq} from the line, else its position). */
    static ControlCommand command(JsonNode n, long position) {
        return new ControlCommand(n.path("ts").asLong(), n.has("seq") ? n.path("seq").asLong() : position,
                text(n, "action"), text(n, "scope"), text(n, "target"), n.path("ttl_us").asLong(0), text(n, "user"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) out.add(line);
            }
        }
        return out;
    }
}
