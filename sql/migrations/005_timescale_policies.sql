--liquibase formatted sql

-- Compression and retention, only where TimescaleDB is installed. On plain PostgreSQL the
-- policy changeset is recorded as MARK_RAN, and retention means dropping old monthly partitions
-- (docs/DB.md "Retention").

--changeset cryptorun:005-timescale-policies splitStatements:false rollbackSplitStatements:false
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:1 SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'
ALTER TABLE trades SET (timescaledb.compress, timescaledb.compress_segmentby = 'venue, symbol');
SELECT add_compression_policy('trades', interval '2 days');
SELECT add_retention_policy('trades', interval '90 days');
ALTER TABLE microstructure SET (timescaledb.compress, timescaledb.compress_segmentby = 'venue, symbol');
SELECT add_compression_policy('microstructure', interval '2 days');
SELECT add_retention_policy('microstructure', interval '90 days');
ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'venue, symbol, "interval"');
SELECT add_compression_policy('bars', interval '14 days');
ALTER TABLE premove_artifacts SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol');
SELECT add_compression_policy('premove_artifacts', interval '14 days');
SELECT add_retention_policy('premove_artifacts', interval '365 days');
--rollback DO $$
--rollback BEGIN
--rollback   IF cryptorun_timescale() THEN
--rollback     PERFORM remove_retention_policy('premove_artifacts', if_exists => true);
--rollback     PERFORM remove_compression_policy('premove_artifacts', if_exists => true);
--rollback     PERFORM remove_compression_policy('bars', if_exists => true);
--rollback     PERFORM remove_retention_policy('microstructure', if_exists => true);
--rollback     PERFORM remove_compression_policy('microstructure', if_exists => true);
--rollback     PERFORM remove_retention_policy('trades', if_exists => true);
--rollback     PERFORM remove_compression_policy('trades', if_exists => true);
--rollback   END IF;
--rollback END
--rollback $$;
