package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cli.UserError;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.replication.ColdTier;
import io.cryptorun.jobs.replication.HotTier;
import io.cryptorun.jobs.replication.ReplicationMetrics;
import io.cryptorun.jobs.replication.WarmSeeder;
import io.cryptorun.jobs.replication.WarmTier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cryptorun replication ...}: the multi-region tiers (docs/DATA_MULTI_REGION.md). */
@Command(name = "replication", mixinStandardHelpOptions = true,
        description = {"Multi-region replication (regions a and b; docs/DATA_MULTI_REGION.md).",
                "  status    direction, lag and health of --tier (all tiers without --tier)",
                "  lag       lag per table (warm), topic (hot) or tier (cold)",
                "  validate  compare regions: per-table counts + content hashes (warm), per-file sha256 (cold); exit 1 on a difference",
                "  setup     warm: migrate both databases, publication on a, subscription on b",
                "  pause|resume  warm: stop / restart applying changes on b",
                "  failover  promote --to b for --tier warm or hot (recorded in replication_failovers and control_audit)",
                "  simulate  warm: seed --hours of drill data through the replication, then --behind hours with b paused",
                "  cold-write  write a run's outputs (--run DIR) as region a's hourly partitions under --cold-root",
                "  cold-copy   copy region a's cold partitions to b (resumable, idempotent, sha256-verified)"})
public final class ReplicationCommand implements Callable<Integer> {
    static final double SLO_HOT_S = 5;
    static final double SLO_WARM_S = 60;
    static final double SLO_COLD_S = 300;

    @Parameters(index = "0", paramLabel = "ACTION",
            description = "status|lag|validate|setup|pause|resume|failover|simulate|cold-write|cold-copy")
    String action;

    @Option(names = "--tier", paramLabel = "hot|warm|cold", description = "The tier.")
    String tier;

    @Option(names = "--to", paramLabel = "REGION", description = "failover: the region to promote (b).")
    String to;

    @Option(names = "--a-pg", paramLabel = "JDBC_URL", defaultValue = "${env:CRYPTORUN_REGION_A_PG_URL}",
            description = "Region a's database (env CRYPTORUN_REGION_A_PG_URL).")
    String aPg;

    @Option(names = "--b-pg", paramLabel = "JDBC_URL", defaultValue = "${env:CRYPTORUN_REGION_B_PG_URL}",
            description = "Region b's database (env CRYPTORUN_REGION_B_PG_URL).")
    String bPg;

    @Option(names = "--pg-user", defaultValue = "${env:PG_USER:-cryptorun}", description = "Role on both databases (env PG_USER, default cryptorun).")
    String pgUser;

    @Option(names = "--a-kafka", paramLabel = "HOST:PORT", defaultValue = "${env:CRYPTORUN_REGION_A_KAFKA}",
            description = "Region a's Kafka (env CRYPTORUN_REGION_A_KAFKA).")
    String aKafka;

    @Option(names = "--b-kafka", paramLabel = "HOST:PORT", defaultValue = "${env:CRYPTORUN_REGION_B_KAFKA}",
            description = "Region b's Kafka (env CRYPTORUN_REGION_B_KAFKA).")
    String bKafka;

    @Option(names = "--topics", paramLabel = "REGEX", defaultValue = ".*",
            description = "validate --tier hot: only region a's topics matching this (of md.raw.* and cryptorun.*; default: all). "
                    + "Each is read whole on both regions.")
    String topics;

    @Option(names = "--cold-root", paramLabel = "DIR", defaultValue = "data/cold-tier", description = "Cold tier root (default: ${DEFAULT-VALUE}).")
    Path coldRoot;

    @Option(names = "--run", paramLabel = "DIR", description = "cold-write: the run output directory.")
    Path run;

    @Option(names = "--name", defaultValue = WarmTier.DEFAULT_NAME, description = "warm: publication/subscription name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--hours", defaultValue = "2", description = "simulate: hours replicated normally (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--behind", defaultValue = "6", description = "simulate: hours b is left behind (default: ${DEFAULT-VALUE}).")
    int behind;

    @Option(names = "--reason", defaultValue = "operator", description = "failover: why (recorded).")
    String reason;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "Also write the replication metrics (Prometheus text format, for a textfile collector).")
    Path metricsFile;

    private final ReplicationMetrics metrics = new ReplicationMetrics();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        int rc = switch (action) {
            case "status", "lag" -> status(out);
            case "validate" -> validate(out);
            case "setup" -> { warm().setup(); out.println("warm: publication on a, subscription on b: " + name); yield 0; }
            case "pause" -> { warm().pause(); out.println("warm: b paused (a retains WAL for it)"); yield 0; }
            case "resume" -> { warm().resume(); out.println("warm: b resumed"); yield 0; }
            case "failover" -> failover(out);
            case "simulate" -> simulate(out);
            case "cold-write" -> coldWrite(out);
            case "cold-copy" -> coldCopy(out);
            default -> throw UserError.usage("unknown action '" + action + "'",
                    "use status, lag, validate, setup, pause, resume, failover, simulate, cold-write or cold-copy");
        };
        if (metricsFile != null) metrics.writeTo(metricsFile);
        return rc;
    }

    private List<String> tiers() {
        if (tier == null) return List.of("hot", "warm", "cold");
        if (!List.of("hot", "warm", "cold").contains(tier)) throw UserError.usage("unknown tier '" + tier + "'", "use --tier hot, warm or cold");
        return List.of(tier);
    }

    private int status(PrintStream out) throws Exception {
        boolean healthy = true;
        for (String t : tiers()) {
            switch (t) {
                case "warm" -> {
                    if (aPg == null || bPg == null) {
                        out.println("warm: not configured (--a-pg/--b-pg or CRYPTORUN_REGION_A_PG_URL/CRYPTORUN_REGION_B_PG_URL)");
                        if (tier != null) healthy = false;
                        continue;
                    }
                    WarmTier.Status s = warm().status();
                    metrics.lag("warm", "b", "a", s.lagSeconds());
                    boolean ok = s.healthy(SLO_WARM_S);
                    healthy &= ok;
                    out.printf(Locale.ROOT, "warm: primary %s, %s, lag %s (SLO %.0f s), wal behind %s bytes: %s%n", s.primary(),
                            !s.subscribed() ? "no subscription on b" : s.enabled() ? "a -> b streaming" : "a -> b PAUSED",
                            secs(s.lagSeconds()), SLO_WARM_S, s.walBytesBehind() == null ? "?" : s.walBytesBehind(), ok ? "OK" : "BEHIND");
                    if ("lag".equals(action)) {
                        for (WarmTier.TableLag l : s.tables()) {
                            out.printf("  %-18s a %-27s b %-27s lag %s%n", l.table(), l.maxA(), l.maxB(), secs(l.lagSeconds()));
                        }
                    }
                }
                case "hot" -> {
                    if (aKafka == null || bKafka == null) {
                        out.println("hot: not configured (--a-kafka/--b-kafka or CRYPTORUN_REGION_A_KAFKA/CRYPTORUN_REGION_B_KAFKA)");
                        if (tier != null) healthy = false;
                        continue;
                    }
                    List<HotTier.TopicLag> lags = new HotTier(aKafka, bKafka, "a").lag();
                    long behindOffsets = 0;
                    double lag = 0;
                    for (HotTier.TopicLag l : lags) {
                        behindOffsets += l.behind();
                        lag = Math.max(lag, l.lagSeconds());
                    }
                    metrics.lag("hot", "b", "a", lag);
                    boolean ok = lag <= SLO_HOT_S;
                    healthy &= ok;
                    out.printf(Locale.ROOT, "hot: a -> b (MirrorMaker 2), %d topics, lag %s (SLO %.0f s), %d offsets behind: %s%n",
                            lags.size(), secs(lag), SLO_HOT_S, behindOffsets, ok ? "OK" : "BEHIND");
                    if ("lag".equals(action)) {
                        for (HotTier.TopicLag l : lags) {
                            out.printf("  %-28s a %d  b %d  offsets behind %d  lag %s%n", l.topic(), l.endA(), l.endB(), l.behind(),
                                    secs(l.lagSeconds()));
                        }
                    }
                }
                default -> {
                    double lag = ColdTier.lagSeconds(coldRoot, "a", "b");
                    metrics.lag("cold", "b", "a", lag);
                    boolean ok = lag <= SLO_COLD_S;
                    healthy &= ok;
                    out.printf(Locale.ROOT, "cold: a -> b (copy executor), lag %s (SLO %.0f s): %s%n", secs(lag), SLO_COLD_S, ok ? "OK" : "BEHIND");
                }
            }
        }
        return healthy ? 0 : 1;
    }

    private int validate(PrintStream out) throws Exception {
        boolean equal = true;
        for (String t : tiers()) {
            if (t.equals("warm")) {
                for (WarmTier.TableCheck c : warm().validate()) {
                    equal &= c.equal();
                    out.printf("warm %-18s a %8d %s  b %8d %s  %s%n", c.table(), c.countA(), c.hashA(), c.countB(), c.hashB(),
                            c.equal() ? "equal" : "DIFFERENT");
                }
            } else if (t.equals("cold")) {
                ColdTier.ColdDiff d = ColdTier.validate(coldRoot, "a", "b");
                equal &= d.equal();
                out.printf("cold: %d files in a's manifest; b: %d missing, %d corrupt, %d extra: %s%n", d.filesA(), d.missing().size(),
                        d.corrupt().size(), d.extra().size(), d.equal() ? "equal" : "DIFFERENT");
                for (String p : d.corrupt()) out.println("  corrupt " + p);
                for (String p : d.missing()) out.println("  missing " + p);
            } else if (t.equals("hot")) {
                if ((aKafka == null || aKafka.isBlank() || bKafka == null || bKafka.isBlank()) && tier == null) {
                    out.println("hot: not compared (no --a-kafka / --b-kafka)");
                    continue;
                }
                if (aKafka == null || aKafka.isBlank() || bKafka == null || bKafka.isBlank()) {
                    throw UserError.usage("validate --tier hot needs both regions' Kafka", "give --a-kafka and --b-kafka "
                            + "(or CRYPTORUN_REGION_A_KAFKA / CRYPTORUN_REGION_B_KAFKA)");
                }
                for (HotTier.PartitionCheck c : new HotTier(aKafka, bKafka, "a").validate(java.util.regex.Pattern.compile(topics))) {
                    equal &= c.equal();
                    out.printf("hot  %-28s p%-2d a %8d %s  b %8d %s  %s%n", c.topic(), c.partition(), c.countA(), c.hashA(),
                            c.countB(), c.hashB(), c.equal() ? "equal" : c.behind() ? "BEHIND (b holds a prefix)" : "DIFFERENT");
                }
            }
        }
        return equal ? 0 : 1;
    }

    private int failover(PrintStream out) throws Exception {
        if (!"b".equals(to)) throw UserError.usage("failover --to " + to + " is not supported", "promote the replica: --to b (failback is not built)");
        if ("hot".equals(tier)) return failoverHot(out);
        if (!"warm".equals(tier)) {
            throw UserError.usage("failover --tier " + tier + " is not built", "use --tier hot or --tier warm");
        }
        double lag = warm().failoverToB(reason, Instant.now());
        out.printf(Locale.ROOT, "warm: region b promoted (lag at promotion %s); recorded in replication_failovers and control_audit%n", secs(lag));
        return 0;
    }

    /** The consumer groups moved to b by {@code failover --tier hot}: the notifier's and the scanner's Kafka source. */
    @Option(names = "--group", paramLabel = "GROUP", description = "failover --tier hot: a consumer group to move to b "
            + "(repeatable; default: ${DEFAULT-VALUE}).", split = ",", defaultValue = "cryptorun-notify,cryptorun-scanner")
    List<String> groups;

    private int failoverHot(PrintStream out) throws Exception {
        if (aKafka == null || bKafka == null) {
            throw UserError.usage("no Kafka clusters for the hot tier", "pass --a-kafka and --b-kafka or set CRYPTORUN_REGION_A_KAFKA/CRYPTORUN_REGION_B_KAFKA");
        }
        if (bPg == null) {
            throw UserError.usage("no database to record the failover in", "pass --b-pg (and --a-pg) or set CRYPTORUN_REGION_B_PG_URL");
        }
        HotTier hot = new HotTier(aKafka, bKafka, "a");
        List<HotTier.GroupFailover> moved;
        try {
            moved = hot.failoverToB(groups);
        } catch (IllegalStateException live) {
            throw UserError.usage(live.getMessage(), "stop its consumers on b first; the offsets are set while the group is empty");
        }
        long behind = -1;
        try {
            behind = 0;
            for (HotTier.TopicLag l : hot.lag()) behind += l.behind();
        } catch (Exception aGone) {
            behind = -1; // a unreachable: what MM2 had not copied is unknown
        }
        Instant now = Instant.now();
        StringBuilder d = new StringBuilder("{\"reason\":").append(WarmTier.json(reason)).append(",\"bootstrap\":")
                .append(WarmTier.json(bKafka)).append(",\"records_behind\":").append(behind < 0 ? "null" : Long.toString(behind))
                .append(",\"groups\":{");
        for (int i = 0; i < moved.size(); i++) {
            HotTier.GroupFailover g = moved.get(i);
            d.append(i == 0 ? "" : ",").append(WarmTier.json(g.group())).append(":{");
            List<org.apache.kafka.common.TopicPartition> tps = new java.util.ArrayList<>(g.committedOnB().keySet());
            tps.sort(java.util.Comparator.comparing(org.apache.kafka.common.TopicPartition::toString));
            for (int j = 0; j < tps.size(); j++) {
                d.append(j == 0 ? "" : ",").append(WarmTier.json(tps.get(j).toString())).append(":").append(g.committedOnB().get(tps.get(j)));
            }
            d.append("}");
        }
        String detail = d.append("}}").toString();
        WarmTier.record(pg(bPg), "hot", now, detail, Double.NaN);
        if (aPg != null) {
            try {
                WarmTier.record(pg(aPg), "hot", now, detail, Double.NaN);
            } catch (java.sql.SQLException aGone) {
                // region a is down: its record waits for the failback
            }
        }
        for (HotTier.GroupFailover g : moved) {
            out.printf(Locale.ROOT, "hot: group %s -> b: %d partitions at MM2's translated offsets, %d from b's earliest (no translation yet)%n",
                    g.group(), g.translated(), g.fromEarliest());
        }
        out.printf(Locale.ROOT, "hot: region b promoted (%s records not mirrored at promotion); consumers: --kafka %s, topics a.<topic>; "
                + "recorded in replication_failovers and control_audit%n", behind < 0 ? "unknown" : Long.toString(behind), bKafka);
        return 0;
    }

    private int simulate(PrintStream out) throws Exception {
        if (tier != null && !tier.equals("warm")) throw UserError.usage("simulate --tier " + tier + " is not built", "use --tier warm");
        WarmTier w = warm();
        w.setup();
        Instant epoch = Instant.parse("2026-01-05T00:00:00Z");
        long rows = WarmSeeder.seed(pg(aPg), epoch, 0, hours);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!w.validate().stream().allMatch(WarmTier.TableCheck::equal)) {
            if (System.nanoTime() > deadline) throw UserError.runtime("b did not catch up with the first " + hours + " h within 120 s",
                    "check `replication status --tier warm` and region b's PostgreSQL log", null);
            Thread.sleep(200);
        }
        w.pause();
        long more = WarmSeeder.seed(pg(aPg), epoch, hours, hours + behind);
        WarmTier.Status s = w.status();
        out.printf(Locale.ROOT, "simulate: %d rows in both regions, then %d rows on a only: b is %s behind (paused; `replication resume --tier warm` catches up)%n",
                rows, more, secs(s.lagSeconds()));
        return 0;
    }

    private int coldWrite(PrintStream out) throws Exception {
        if (run == null) throw UserError.usage("cold-write needs --run DIR", "the output directory of a run or replay");
        List<ColdTier.Entry> m = ColdTier.write(run, coldRoot, "a");
        out.printf("cold: %d partition files for region a under %s%n", m.size(), ColdTier.regionDir(coldRoot, "a"));
        return 0;
    }

    private int coldCopy(PrintStream out) throws Exception {
        ColdTier.CopyResult r = ColdTier.copy(coldRoot, "a", "b", () -> false, metrics);
        metrics.lag("cold", "b", "a", ColdTier.lagSeconds(coldRoot, "a", "b"));
        out.printf("cold: a -> b planned %d, copied %d, already there %d, failed %s: %s%n", r.planned(), r.copied(), r.skipped(),
                r.failures(), r.complete() ? "complete" : "INCOMPLETE (run it again)");
        return r.complete() ? 0 : 1;
    }

    private WarmTier warm() {
        if (aPg == null || bPg == null) {
            throw UserError.usage("no databases for the warm tier", "pass --a-pg and --b-pg or set CRYPTORUN_REGION_A_PG_URL/CRYPTORUN_REGION_B_PG_URL");
        }
        return new WarmTier(pg(aPg), pg(bPg), name);
    }

    private PgSettings pg(String url) {
        String pw = System.getenv("PG_PASSWORD");
        return PgSettings.of(url, pgUser, pw != null ? pw : System.getenv().getOrDefault("CRYPTORUN_PG_PASSWORD", "cryptorun"));
    }

    static String secs(double s) {
        if (Double.isNaN(s)) return "unknown";
        if (Double.isInfinite(s)) return "everything (b is empty)";
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
