package io.cryptorun.jobs.db;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * One row for the PostgreSQL sink: the target table and the stream's JSON output line.
 *
 * @param table a {@link PgTable#table} name
 * @param json  the JSON line, as written to the files and Kafka
 */
public record PgRow(String table, String json) {

    /** Tags a stream's JSON lines with their table. */
    public static MapFunction<String, PgRow> of(PgTable table) {
        return new Tag(table.table);
    }

    private record Tag(String table) implements MapFunction<String, PgRow> {
        @Override
        public PgRow map(String json) {
            return new PgRow(table, json);
        }
    }
}
