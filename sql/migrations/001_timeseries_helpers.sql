--liquibase formatted sql

-- Time partitioning in one place, for both deployments: with the timescaledb extension available
-- a time-series table becomes a hypertable; on plain PostgreSQL it is a declaratively
-- range-partitioned table (monthly partitions on ts) with a DEFAULT partition that catches rows
-- outside the created months, so an insert never fails for want of a partition.

--changeset cryptorun:001-timescale-extension splitStatements:false
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;
--rollback SELECT 1; -- the extension may serve other schemas: left installed on rollback

--changeset cryptorun:001-create-timeseries splitStatements:false
CREATE FUNCTION cryptorun_timescale() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
$$;

-- Creates table <name>(<body>) partitioned on its ts column: a hypertable (chunk = <chunk>) under
-- TimescaleDB, else PARTITION BY RANGE (ts) plus <name>_default.
CREATE FUNCTION cryptorun_create_timeseries(name text, body text, chunk interval) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cryptorun_timescale() THEN
    EXECUTE format('CREATE TABLE %I (%s)', name, body);
    EXECUTE format('SELECT create_hypertable(%L, ''ts'', chunk_time_interval => %L::interval)', name, chunk);
  ELSE
    EXECUTE format('CREATE TABLE %I (%s) PARTITION BY RANGE (ts)', name, body);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', name || '_default', name);
  END IF;
END
$$;

-- Creates the monthly partitions of <parent> covering [from_ts, to_ts) that do not exist yet
-- (named <parent>_pYYYYMM). Rows of such a month already sitting in the DEFAULT partition are
-- moved into the new partition in the same transaction. Returns how many partitions it created.
-- No-op under TimescaleDB (chunks are created on insert).
CREATE FUNCTION cryptorun_ensure_partitions(parent text, from_ts timestamptz, to_ts timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m timestamptz := date_trunc('month', from_ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  nxt timestamptz;
  part text;
  created integer := 0;
BEGIN
  IF cryptorun_timescale() THEN
    RETURN 0;
  END IF;
  WHILE m < to_ts LOOP
    nxt := (m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
    part := parent || '_p' || to_char(m AT TIME ZONE 'UTC', 'YYYYMM');
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
      EXECUTE format('WITH moved AS (DELETE FROM %I WHERE ts >= %L AND ts < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
                     parent || '_default', m, nxt, part);
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, m, nxt);
      created := created + 1;
    END IF;
    m := nxt;
  END LOOP;
  RETURN created;
END
$$;

-- The time-series tables of this schema, for cryptorun_ensure_all_partitions and the CLI.
CREATE FUNCTION cryptorun_timeseries_tables() RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT c.relname::text FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
   WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1
$$;

CREATE FUNCTION cryptorun_ensure_all_partitions(from_ts timestamptz, to_ts timestamptz) RETURNS integer
LANGUAGE sql AS $$
  SELECT coalesce(sum(cryptorun_ensure_partitions(t, from_ts, to_ts)), 0)::integer FROM cryptorun_timeseries_tables() t
$$;
--rollback DROP FUNCTION cryptorun_ensure_all_partitions(timestamptz, timestamptz);
--rollback DROP FUNCTION cryptorun_timeseries_tables();
--rollback DROP FUNCTION cryptorun_ensure_partitions(text, timestamptz, timestamptz);
--rollback DROP FUNCTION cryptorun_create_timeseries(text, text, interval);
--rollback DROP FUNCTION cryptorun_timescale();
