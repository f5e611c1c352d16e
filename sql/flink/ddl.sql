-- CryptoRun Flink SQL: tables over the Kafka outputs of the scanner job.
--
-- Loaded by `./cryptorun sql` as the SQL client's init file (-i). The launcher renders this file
-- first, replacing
--   ${KAFKA_BOOTSTRAP}   with $CRYPTORUN_KAFKA_BOOTSTRAP, else $KAFKA_BOOTSTRAP, else 127.0.0.1:19092
--   ${MICRO_TOPIC}       with $CRYPTORUN_SQL_MICRO_TOPIC, else cryptorun.microstructure
--   ${ALERTS_TOPIC}      with $CRYPTORUN_SQL_ALERTS_TOPIC, else cryptorun.alerts
--   ${EXITS_TOPIC}       with $CRYPTORUN_SQL_EXITS_TOPIC, else cryptorun.exits
--   ${QUARANTINE_TOPIC}  with $CRYPTORUN_SQL_QUARANTINE_TOPIC, else cryptorun.quarantine
--   ${PG_URL}            with $PG_DSN, else $CRYPTORUN_PG_URL (a jdbc:postgresql:// URL without password)
--   ${PG_USER}           with $PG_USER, else $CRYPTORUN_PG_USER, else cryptorun
--   ${PG_PASSWORD}       with $PG_PASSWORD, else the file named by $PG_PASSWORD_FILE, else
--                        $CRYPTORUN_PG_PASSWORD (docs/SECURITY.md). The rendered copy is a mode-0600
--                        temporary file deleted when the client exits; the password is never printed.
-- (the SQL client's own SET/variable support cannot substitute inside DDL).
--
-- The tables here are unbounded (streaming) sources. The example queries in queries/ read a
-- bounded snapshot (everything committed up to the latest offset at query start) with the hint
--   FROM microstructure /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
-- and batch execution mode, so `./cryptorun sql -f FILE` terminates.
--
-- The pg_* tables (JDBC) are bounded scans of the PostgreSQL tables of sql/migrations (docs/DB.md);
-- jsonb columns are not mapped (the JDBC connector cannot read them), their useful parts are:
-- premove_artifacts.reasons (text[]) lists the failed gates' reasons.

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

-- Sent alerts (docs/ALERTS.md), same JSON as alerts.jsonl, key = symbol, exactly-once.
CREATE TABLE alerts (
  ts        BIGINT  COMMENT 'scan tick, epoch microseconds (UTC)',
  symbol    STRING,
  venue     STRING,
  -- Scores are doubles in the producer (AnalyticsJson.num), not wire prices.
  score     DOUBLE,
  band      STRING,
  regime    STRING,
  channel   STRING,
  microstructure ROW<ts BIGINT, bid DECIMAL(38, 18), ask DECIMAL(38, 18), mid DECIMAL(38, 18),
                     spread_bps DECIMAL(20, 8), depth_usd DECIMAL(28, 8), book_age_ms BIGINT>,
  provenance ROW<venue STRING, conn STRING, frame BIGINT>,
  ts_ltz     AS CAST(TO_TIMESTAMP_LTZ(ts / 1000, 3) AS TIMESTAMP_LTZ(6)),
  event_time AS TO_TIMESTAMP_LTZ(ts / 1000, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) COMMENT 'cryptorun.alerts: alerts that passed the throttle'
WITH (
  'connector' = 'kafka',
  'topic' = '${ALERTS_TOPIC}',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.isolation.level' = 'read_committed',
  'properties.group.id' = 'cryptorun-sql',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.fail-on-missing-field' = 'false',
  'json.ignore-parse-errors' = 'false'
);

-- Paper exits (docs/ALERTS.md "PaperTracker"), same JSON as exits.jsonl, key = symbol, exactly-once.
CREATE TABLE exits (
  ts        BIGINT  COMMENT 'exit time, epoch microseconds (UTC)',
  symbol    STRING,
  `entry`   DOUBLE  COMMENT 'entry price',
  `exit`    DOUBLE  COMMENT 'exit price',
  reason    STRING,
  pnl_pct   DOUBLE,
  entry_ts  BIGINT  COMMENT 'entry time, epoch microseconds (UTC)',
  fraction  DOUBLE  COMMENT 'fraction of the position closed',
  ts_ltz     AS CAST(TO_TIMESTAMP_LTZ(ts / 1000, 3) AS TIMESTAMP_LTZ(6)),
  event_time AS TO_TIMESTAMP_LTZ(ts / 1000, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) COMMENT 'cryptorun.exits: paper-trade exits'
WITH (
  'connector' = 'kafka',
  'topic' = '${EXITS_TOPIC}',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.isolation.level' = 'read_committed',
  'properties.group.id' = 'cryptorun-sql',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.fail-on-missing-field' = 'false',
  'json.ignore-parse-errors' = 'false'
);

-- Quarantined input (JsonCodec.quarantine), key = symbol, exactly-once. No watermark: receive
-- times of bad frames are not ordered.
CREATE TABLE quarantine (
  ts            BIGINT COMMENT 'receive time, epoch microseconds (UTC)',
  venue         STRING,
  symbol        STRING,
  reason        STRING,
  detail        STRING,
  conn          STRING,
  frame_ordinal BIGINT,
  frame         STRING COMMENT 'the raw frame',
  ts_ltz        AS CAST(TO_TIMESTAMP_LTZ(ts / 1000, 3) AS TIMESTAMP_LTZ(6))
) COMMENT 'cryptorun.quarantine: rejected frames with a reason'
WITH (
  'connector' = 'kafka',
  'topic' = '${QUARANTINE_TOPIC}',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.isolation.level' = 'read_committed',
  'properties.group.id' = 'cryptorun-sql',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.fail-on-missing-field' = 'false',
  'json.ignore-parse-errors' = 'false'
);

-- PostgreSQL (JDBC, bounded scans). numeric without scale maps to DECIMAL(38, 18). The JDBC dialect
-- has no TIMESTAMP_LTZ: timestamptz is read as TIMESTAMP(6) in the JVM's time zone (run with TZ=UTC).
CREATE TABLE pg_microstructure (
  ts TIMESTAMP(6), venue STRING, symbol STRING,
  bid DECIMAL(38, 18), ask DECIMAL(38, 18), mid DECIMAL(38, 18), spread_bps DECIMAL(38, 18),
  depth_bid_usd DECIMAL(38, 18), depth_ask_usd DECIMAL(38, 18), depth_usd DECIMAL(38, 18),
  imbalance DECIMAL(38, 18), book_age_ms BIGINT, vadr DECIMAL(38, 18), `valid` BOOLEAN,
  conn STRING, frame BIGINT,
  PRIMARY KEY (venue, symbol, ts) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = '${PG_URL}', 'table-name' = 'microstructure',
        'username' = '${PG_USER}', 'password' = '${PG_PASSWORD}');

CREATE TABLE pg_bars (
  ts TIMESTAMP(6), venue STRING, symbol STRING, `interval` STRING,
  `open` DECIMAL(38, 18), high DECIMAL(38, 18), low DECIMAL(38, 18), `close` DECIMAL(38, 18),
  volume DECIMAL(38, 18), trades BIGINT, vwap DECIMAL(38, 18), origin STRING,
  PRIMARY KEY (venue, symbol, `interval`, ts) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = '${PG_URL}', 'table-name' = 'bars',
        'username' = '${PG_USER}', 'password' = '${PG_PASSWORD}');

CREATE TABLE pg_regime_snapshots (
  ts TIMESTAMP(6), regime STRING, realized_vol_7d DOUBLE, breadth DOUBLE, thrust DOUBLE,
  confidence DOUBLE,
  PRIMARY KEY (ts) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = '${PG_URL}', 'table-name' = 'regime_snapshots',
        'username' = '${PG_USER}', 'password' = '${PG_PASSWORD}');

CREATE TABLE pg_premove_artifacts (
  ts TIMESTAMP(6), symbol STRING, score DOUBLE, band STRING, regime STRING,
  reasons ARRAY<STRING> COMMENT 'reasons of the failed gates, empty when every gate passed',
  state STRING, latency_ms BIGINT,
  PRIMARY KEY (symbol, ts) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = '${PG_URL}', 'table-name' = 'premove_artifacts',
        'username' = '${PG_USER}', 'password' = '${PG_PASSWORD}');

CREATE TABLE pg_alerts (
  ts TIMESTAMP(6), symbol STRING, channel STRING, venue STRING, score DOUBLE, band STRING,
  regime STRING,
  PRIMARY KEY (symbol, channel, ts) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = '${PG_URL}', 'table-name' = 'alerts',
        'username' = '${PG_USER}', 'password' = '${PG_PASSWORD}');

CREATE TABLE pg_exits (
  ts TIMESTAMP(6), symbol STRING, entry_ts TIMESTAMP(6), reason STRING,
  entry_price DOUBLE, exit_price DOUBLE, target_level INT, fraction DOUBLE, pnl_pct DOUBLE,
  PRIMARY KEY (symbol, entry_ts, reason, ts) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = '${PG_URL}', 'table-name' = 'exits',
        'username' = '${PG_USER}', 'password' = '${PG_PASSWORD}');
