-- CryptoRun Flink SQL: tables over the Kafka outputs of the scanner job.
--
-- Loaded by `./cryptorun sql` as the SQL client's init file (-i). The launcher renders this file
-- first, replacing
--   ${KAFKA_BOOTSTRAP}   with $CRYPTORUN_KAFKA_BOOTSTRAP, else $KAFKA_BOOTSTRAP, else 127.0.0.1:19092
--   ${MICRO_TOPIC}       with $CRYPTORUN_SQL_MICRO_TOPIC, else cryptorun.microstructure
-- (the SQL client's own SET/variable support cannot substitute inside DDL).
--
-- The tables here are unbounded (streaming) sources. The example queries in queries/ read a
-- bounded snapshot (everything committed up to the latest offset at query start) with the hint
--   FROM microstructure /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
-- and batch execution mode, so `./cryptorun sql -f FILE` terminates.
--
-- Later (issue 5): tables for the alerts and exits topics and the JDBC (PostgreSQL) tables are
-- added here once those outputs exist; today the job writes only microstructure to Kafka.

-- One row per second per valid, two-sided book (docs/QA.md "Output formats"), written by
-- `ScannerJob --kafka <bootstrap> --kafka-topic <topic>` exactly-once (transactions), key = symbol.
CREATE TABLE microstructure (
  ts             BIGINT         COMMENT 'second boundary, epoch microseconds (UTC)',
  venue          STRING,
  symbol         STRING,
  -- Exact decimals: the JSON numbers are parsed as BigDecimal (json.decode.json-parser), never as double.
  bid            DECIMAL(38, 18),
  ask            DECIMAL(38, 18),
  mid            DECIMAL(38, 18),
  spread_bps     DECIMAL(20, 8) COMMENT '(ask - bid) / mid * 10000',
  depth_bid_usd  DECIMAL(28, 8) COMMENT 'bid notional within 2 % of mid, USD',
  depth_ask_usd  DECIMAL(28, 8) COMMENT 'ask notional within 2 % of mid, USD',
  depth_usd      DECIMAL(28, 8) COMMENT 'depth_bid_usd + depth_ask_usd',
  imbalance      DECIMAL(10, 8) COMMENT '(bid - ask) / (bid + ask) depth, -1 .. 1',
  book_age_ms    BIGINT,
  `valid`        BOOLEAN,
  conn           STRING         COMMENT 'connection id',
  frame          BIGINT         COMMENT 'ordinal of the last frame applied to the book',
  -- Event time from ts. Flink watermarks need a precision of at most 3, so the rowtime is in
  -- milliseconds (ts is on a second boundary, nothing is lost); ts_ltz is the same instant as TIMESTAMP_LTZ(6).
  ts_ltz         AS CAST(TO_TIMESTAMP_LTZ(ts / 1000, 3) AS TIMESTAMP_LTZ(6)),
  event_time     AS TO_TIMESTAMP_LTZ(ts / 1000, 3),
  -- The job emits each symbol's rows in order; 5 s covers the skew between symbols and partitions.
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) COMMENT 'cryptorun.microstructure: per-second order book microstructure'
WITH (
  'connector' = 'kafka',
  'topic' = '${MICRO_TOPIC}',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  -- Only what the job committed (its Kafka sink is transactional).
  'properties.isolation.level' = 'read_committed',
  'properties.group.id' = 'cryptorun-sql',
  'scan.startup.mode' = 'earliest-offset',
  -- The record key (the symbol) is not read: the value has every field.
  'format' = 'json',
  'json.fail-on-missing-field' = 'false',
  'json.ignore-parse-errors' = 'false'
);
