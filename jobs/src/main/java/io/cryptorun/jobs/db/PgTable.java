package io.cryptorun.jobs.db;

/**
 * The tables the scanner writes through {@code CALL cryptorun_write(table, json_line)}
 * (sql/migrations/006_writer.sql maps each JSON output line to its columns). Plugging a new stream
 * into PostgreSQL is one {@code PgRow.of(PgTable.X)} map into the job's PostgreSQL union; the JSON
 * fields each table reads are listed in docs/DB.md ("JSON contract").
 */
public enum PgTable {
    TRADES("trades"),
    MICROSTRUCTURE("microstructure"),
    BARS("bars"),
    REGIME_SNAPSHOTS("regime_snapshots"),
    PREMOVE_ARTIFACTS("premove_artifacts"),
    ALERTS("alerts"),
    SUPPRESSED_ALERTS("suppressed_alerts"),
    EXITS("exits"),
    CONTROL_AUDIT("control_audit"),
    /** sql/migrations/010_universe.sql */
    UNIVERSE("universe");

    public final String table;

    PgTable(String table) {
        this.table = table;
    }
}
