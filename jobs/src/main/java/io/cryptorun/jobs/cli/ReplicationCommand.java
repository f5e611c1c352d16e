package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cli.UserError;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.replication.ColdTier;
import io.cryptorun.jobs.replication.HotFencing;
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
                "  failover  promote --to b for --tier warm or hot, or fail the hot tier back --to a (recorded in replication_failovers",
                "            and control_audit with the next fencing epoch; earlier epochs' producers fenced)",
                "  fence     hot: fence the producers of earlier epochs / the inactive region on every broker that answers",
                "  simulate  warm: seed --hours of drill data through the replication, then --behind hours with b paused",
                "  cold-write  write a run's outputs (--run DIR) as region a's hourly partitions under --cold-root",
                "  cold-copy   copy region a's cold partitions to b (resumable, idempotent, sha256-verified)"})
public final class ReplicationCommand implements Callable<Integer> {
    static final double SLO_HOT_S = 5;
    static final double SLO_WARM_S = 60;
    static final double SLO_COLD_S = 300;

    @Parameters(index = "0", paramLabel = "ACTION",
            description = "status|lag|validate|setup|pause|resume|failover|fence|simulate|cold-write|cold-copy")
    String action;

    @Option(names = "--tier", paramLabel = "hot|warm|cold", description = "The tier.")
    String tier;

    @Option(names = "--to", paramLabel = "REGION", description = "failover: the region to promote (b; hot also a: the failback).")
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
            case "fence" -> {
                if (!"hot".equals(tier)) throw UserError.usage("fence is for the hot tier", "use fence --tier hot");
                yield fenceHot(out);
            }
            case "simulate" -> simulate(out);
            case "cold-write" -> coldWrite(out);
            case "cold-copy" -> coldCopy(out);
            default -> throw UserError.usage("unknown action '" + action + "'",
                    "use status, lag, validate, setup, pause, resume, failover, fence, simulate, cold-write or cold-copy");
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
                    // active-active: a -> b (a.<topic> on b) and b -> a (b.<topic> on a), each with its own lag
                    for (HotTier dir : List.of(new HotTier(aKafka, bKafka, "a"), new HotTier(bKafka, aKafka, "b"))) {
                        List<HotTier.TopicLag> lags;
                        try {
                            lags = dir.lag();
                        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException down) {
                            metrics.lag("hot", dir.target(), dir.source(), Double.POSITIVE_INFINITY);
                            healthy = false;
                            out.printf(Locale.ROOT, "hot: %s -> %s (MirrorMaker 2): a region does not answer (%s): DOWN%n", dir.source(),
                                    dir.target(), down.getClass().getSimpleName());
                            continue;
                        }
                        long behindOffsets = 0;
                        double lag = 0;
                        for (HotTier.TopicLag l : lags) {
                            behindOffsets += l.behind();
                            lag = Math.max(lag, l.lagSeconds());
                        }
                        metrics.lag("hot", dir.target(), dir.source(), lag);
                        boolean ok = lag <= SLO_HOT_S;
                        healthy &= ok;
                        out.printf(Locale.ROOT, "hot: %s -> %s (MirrorMaker 2), %d topics, lag %s (SLO %.0f s), %d offsets behind: %s%n",
                                dir.source(), dir.target(), lags.size(), secs(lag), SLO_HOT_S, behindOffsets, ok ? "OK" : "BEHIND");
                        if ("lag".equals(action)) {
                            for (HotTier.TopicLag l : lags) {
                                out.printf("  %-28s %s %d  %s %d  offsets behind %d  lag %s%n", l.topic(), dir.source(), l.endA(),
                                        dir.target(), l.endB(), l.behind(), secs(l.lagSeconds()));
                            }
                        }
                    }
                    hotActive(out);
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
                for (HotTier dir : List.of(new HotTier(aKafka, bKafka, "a"), new HotTier(bKafka, aKafka, "b"))) {
                    for (HotTier.PartitionCheck c : dir.validate(java.util.regex.Pattern.compile(topics))) {
                        equal &= c.equal();
                        out.printf("hot  %s -> %s %-28s p%-2d %s %8d %s  %s %8d %s  %s%n", dir.source(), dir.target(), c.topic(), c.partition(),
                                dir.source(), c.countA(), c.hashA(), dir.target(), c.countB(), c.hashB(),
                                c.equal() ? "equal" : c.behind() ? "BEHIND (" + dir.target() + " holds a prefix)" : "DIFFERENT");
                    }
                }
            }
        }
        return equal ? 0 : 1;
    }

    private int failover(PrintStream out) throws Exception {
        if ("hot".equals(tier)) {
            if (!"a".equals(to) && !"b".equals(to)) throw UserError.usage("failover --to " + to + " is not a region", "use --to b (failover) or --to a (failback)");
            return failoverHot(out);
        }
        if (!"b".equals(to)) throw UserError.usage("failover --to " + to + " is not supported", "promote the replica: --to b (a warm failback is not built)");
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

    /**
     * {@code failover --tier hot --to b|a}. To b: the groups move to b's {@code a.<topic>} at MM2's translated offsets.
     * To a (failback): each group's position on b's own topics moves to a's {@code b.<topic>} (MM2 b -> a translation)
     * and its position on b's {@code a.<topic>} back to a's {@code <topic>} (MM2's a -> b offset syncs read backwards).
     * Either way the promotion is recorded with the next fencing epoch in both regions' databases (b's or a's alone when
     * the other does not answer) and the previous epochs' producers are fenced on every broker that answers.
     */
    private int failoverHot(PrintStream out) throws Exception {
        if (aKafka == null || bKafka == null) {
            throw UserError.usage("no Kafka clusters for the hot tier", "pass --a-kafka and --b-kafka or set CRYPTORUN_REGION_A_KAFKA/CRYPTORUN_REGION_B_KAFKA");
        }
        String from = "a".equals(to) ? "b" : "a";
        String promoted = "a".equals(to) ? aPg : bPg;
        if (promoted == null) {
            throw UserError.usage("no database to record the failover in", "pass --" + to + "-pg (and --" + from + "-pg) or set CRYPTORUN_REGION_"
                    + to.toUpperCase(Locale.ROOT) + "_PG_URL");
        }
        List<io.cryptorun.jobs.db.PgSettings> dbs = new java.util.ArrayList<>();
        dbs.add(pg(promoted));
        String other = "a".equals(to) ? bPg : aPg;
        if (other != null) dbs.add(pg(other));
        HotFencing.Reading before;
        try {
            before = HotFencing.read(dbs);
        } catch (IllegalStateException none) {
            throw UserError.runtime(none.getMessage(), "start region " + to + "'s PostgreSQL", null);
        }
        if (before.active().region().equals(to)) {
            throw UserError.usage("region " + to + " is already the active region of the hot tier (fencing epoch " + before.active().epoch() + ")",
                    "nothing to do; `replication fence --tier hot` fences the other region's zombie producers once its broker answers");
        }
        HotTier dir = "a".equals(to) ? new HotTier(bKafka, aKafka, "b") : new HotTier(aKafka, bKafka, "a");
        boolean fromAnswers = HotTier.answers("a".equals(to) ? bKafka : aKafka); // asked once: a dead region costs one 3 s probe
        List<HotTier.GroupFailover> moved;
        java.util.Map<String, java.util.Map<org.apache.kafka.common.TopicPartition, Long>> returned = java.util.Map.of();
        try {
            moved = dir.moveGroups(groups, fromAnswers);
            if (fromAnswers) { // both regions up (a failback, a planned failover): exact offsets
                List<HotTier.GroupFailover> exact = new java.util.ArrayList<>();
                for (HotTier.GroupFailover g : moved) {
                    exact.add(new HotTier.GroupFailover(g.group(), dir.exactOnTarget(g), g.translated(), g.fromEarliest(), g.positionOnA()));
                }
                moved = exact;
            }
            if ("a".equals(to)) returned = new HotTier(aKafka, bKafka, "a").returnToSource(groups);
        } catch (IllegalStateException live) {
            throw UserError.usage(live.getMessage(), "stop its consumers on region " + to + " first; the offsets are set while the group is empty");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException down) {
            throw UserError.runtime("region " + to + "'s Kafka does not answer (" + down.getClass().getSimpleName() + ")",
                    "a failover needs the promoted region's broker: start it, then run the command again", down);
        }
        long behind = -1; // the demoted region does not answer: what MM2 had not copied is unknown
        if (fromAnswers) {
            try {
                behind = 0;
                for (HotTier.TopicLag l : dir.lag()) behind += l.behind();
            } catch (Exception gone) {
                behind = -1;
            }
        }
        long epoch = io.cryptorun.functions.replication.HotTierFence.nextEpoch(before.seen());
        Instant now = Instant.now();
        StringBuilder d = new StringBuilder("{\"reason\":").append(WarmTier.json(reason)).append(",\"epoch\":").append(epoch)
                .append(",\"bootstrap\":").append(WarmTier.json("a".equals(to) ? aKafka : bKafka))
                .append(",\"records_behind\":").append(behind < 0 ? "null" : Long.toString(behind)).append(",\"groups\":{");
        for (int i = 0; i < moved.size(); i++) {
            HotTier.GroupFailover g = moved.get(i);
            java.util.Map<org.apache.kafka.common.TopicPartition, Long> all = new java.util.HashMap<>(g.committedOnB());
            all.putAll(returned.getOrDefault(g.group(), java.util.Map.of()));
            d.append(i == 0 ? "" : ",").append(WarmTier.json(g.group())).append(":{");
            List<org.apache.kafka.common.TopicPartition> tps = new java.util.ArrayList<>(all.keySet());
            tps.sort(java.util.Comparator.comparing(org.apache.kafka.common.TopicPartition::toString));
            for (int j = 0; j < tps.size(); j++) {
                d.append(j == 0 ? "" : ",").append(WarmTier.json(tps.get(j).toString())).append(":").append(all.get(tps.get(j)));
            }
            d.append("}");
        }
        String detail = d.append("}}").toString();
        WarmTier.record(pg(promoted), "hot", from, to, now, detail, Double.NaN);
        boolean bothRecorded = false;
        if (other != null) {
            try {
                WarmTier.record(pg(other), "hot", from, to, now, detail, Double.NaN);
                bothRecorded = true;
            } catch (java.sql.SQLException gone) {
                // the demoted region's database is down: its record waits for `replication fence` / the failback
            }
        }
        for (HotTier.GroupFailover g : moved) {
            out.printf(Locale.ROOT, "hot: group %s -> %s: %d partitions at MM2's translated offsets, %d from %s's earliest (no translation yet)%n",
                    g.group(), to, g.translated(), g.fromEarliest(), to);
        }
        returned.forEach((g, offs) -> out.printf(Locale.ROOT, "hot: group %s back on a's own topics: %d partitions from MM2's a -> b offset syncs%n",
                g, offs.size()));
        out.printf(Locale.ROOT, "hot: region %s promoted, fencing epoch %d (%s records not mirrored at promotion); consumers: --kafka %s; "
                + "recorded in replication_failovers and control_audit of %s%n", to, epoch, behind < 0 ? "unknown" : Long.toString(behind),
                "a".equals(to) ? aKafka : bKafka, bothRecorded ? "both regions" : "region " + to + " only");
        fence(out, new io.cryptorun.functions.replication.HotTierFence.Active(to, epoch, now), fromAnswers ? null : from);
        return 0;
    }

    /**
     * Fences the zombie producers of {@code active} on each broker that answers; says which did not. {@code down}: a
     * region already known not to answer (not probed again), or null.
     */
    private void fence(PrintStream out, io.cryptorun.functions.replication.HotTierFence.Active active, String down) {
        for (String[] r : new String[][] {{"a", aKafka}, {"b", bKafka}}) {
            if (r[1] == null) continue;
            try {
                if (r[0].equals(down) || !HotTier.answers(r[1])) throw new IllegalStateException("its broker does not answer");
                List<String> fenced = HotFencing.fenceZombies(r[1], r[0], active);
                out.printf(Locale.ROOT, "hot: fenced %d producer(s) of earlier epochs on region %s%s%n", fenced.size(), r[0],
                        fenced.isEmpty() ? "" : ": " + String.join(", ", fenced));
            } catch (Exception failed) {
                Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
                out.printf(Locale.ROOT, "hot: region %s's producers are NOT fenced yet (%s: %s; run `cryptorun replication fence --tier hot` "
                        + "when its broker answers)%n", r[0], cause.getClass().getSimpleName(), cause.getMessage());
            }
        }
    }

    /** {@code fence --tier hot}: the active region from the databases, zombies fenced on both brokers. */
    private int fenceHot(PrintStream out) {
        List<io.cryptorun.jobs.db.PgSettings> dbs = new java.util.ArrayList<>();
        if (aPg != null) dbs.add(pg(aPg));
        if (bPg != null) dbs.add(pg(bPg));
        if (dbs.isEmpty()) throw UserError.usage("no databases to read the active region from", "pass --a-pg/--b-pg or set CRYPTORUN_REGION_A_PG_URL/CRYPTORUN_REGION_B_PG_URL");
        HotFencing.Reading r;
        try {
            r = HotFencing.read(dbs);
        } catch (IllegalStateException none) {
            throw UserError.runtime(none.getMessage(), "start a region's PostgreSQL", null);
        }
        out.printf(Locale.ROOT, "hot: active region %s, fencing epoch %d%n", r.active().region(), r.active().epoch());
        fence(out, r.active(), null);
        return 0;
    }

    /** The active region line of {@code status --tier hot}, when a database is configured. */
    private void hotActive(PrintStream out) {
        List<io.cryptorun.jobs.db.PgSettings> dbs = new java.util.ArrayList<>();
        if (aPg != null) dbs.add(pg(aPg));
        if (bPg != null) dbs.add(pg(bPg));
        if (dbs.isEmpty()) return;
        try {
            HotFencing.Reading r = HotFencing.read(dbs);
            out.printf(Locale.ROOT, "hot: active region %s (writers), fencing epoch %d%s%n", r.active().region(), r.active().epoch(),
                    r.unreachable().isEmpty() ? "" : "; not answering: " + r.unreachable());
        } catch (IllegalStateException none) {
            out.println("hot: active region unknown (" + none.getMessage() + ")");
        }
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
