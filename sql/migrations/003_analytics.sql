--liquibase formatted sql

-- Analytics outputs (SPEC §6-§9). Typed columns for what queries filter and join on, plus the
-- whole JSON record in "payload" so that nothing the scanner emitted is lost.

--changeset cryptorun:003-regime-snapshots splitStatements:false
SELECT cryptorun_create_timeseries('regime_snapshots', $$
  ts              timestamptz NOT NULL,
  regime          text        NOT NULL,
  realized_vol_7d double precision,
  breadth         double precision,
  thrust          double precision,
  votes           jsonb,
  confidence      double precision,
  weights         jsonb,
  payload         jsonb       NOT NULL,
  CONSTRAINT regime_snapshots_natural_key PRIMARY KEY (ts)
$$, interval '30 days');
--rollback DROP TABLE regime_snapshots;

--changeset cryptorun:003-premove-artifacts splitStatements:false
SELECT cryptorun_create_timeseries('premove_artifacts', $$
  ts         timestamptz NOT NULL,
  symbol     text        NOT NULL,
  score      double precision,
  band       text,
  regime     text,
  factors    jsonb,
  gates      jsonb,
  reasons    text[]      NOT NULL DEFAULT '{}',
  state      text,
  latency_ms bigint,
  payload    jsonb       NOT NULL,
  CONSTRAINT premove_artifacts_natural_key PRIMARY KEY (symbol, ts)
$$, interval '7 days');
CREATE INDEX premove_artifacts_symbol_ts ON premove_artifacts (symbol, ts DESC);
--rollback DROP TABLE premove_artifacts;

--changeset cryptorun:003-alerts splitStatements:false
-- One row per alert sent on a channel.
SELECT cryptorun_create_timeseries('alerts', $$
  ts      timestamptz NOT NULL,
  symbol  text        NOT NULL,
  channel text        NOT NULL DEFAULT '',
  venue   text,
  score   double precision,
  band    text,
  regime  text,
  payload jsonb       NOT NULL,
  CONSTRAINT alerts_natural_key PRIMARY KEY (symbol, channel, ts)
$$, interval '30 days');
CREATE INDEX alerts_symbol_ts ON alerts (symbol, ts DESC);
--rollback DROP TABLE alerts;

--changeset cryptorun:003-suppressed-alerts splitStatements:false
-- Alerts the throttle held back, with every reason (SPEC §9: "suppressed alerts are recorded").
SELECT cryptorun_create_timeseries('suppressed_alerts', $$
  ts      timestamptz NOT NULL,
  symbol  text        NOT NULL,
  channel text        NOT NULL DEFAULT '',
  score   double precision,
  reasons text[]      NOT NULL DEFAULT '{}',
  payload jsonb       NOT NULL,
  CONSTRAINT suppressed_alerts_natural_key PRIMARY KEY (symbol, channel, ts)
$$, interval '30 days');
CREATE INDEX suppressed_alerts_symbol_ts ON suppressed_alerts (symbol, ts DESC);
--rollback DROP TABLE suppressed_alerts;

--changeset cryptorun:003-exits splitStatements:false
-- Paper exits; ts = exit event time. One position can exit in parts (profit targets).
SELECT cryptorun_create_timeseries('exits', $$
  ts           timestamptz NOT NULL,
  symbol       text        NOT NULL,
  entry_ts     timestamptz NOT NULL,
  reason       text        NOT NULL,
  entry_price  double precision,
  exit_price   double precision,
  target_level integer,
  fraction     double precision,
  pnl_pct      double precision,
  payload      jsonb       NOT NULL,
  CONSTRAINT exits_natural_key PRIMARY KEY (symbol, entry_ts, reason, ts)
$$, interval '30 days');
CREATE INDEX exits_symbol_ts ON exits (symbol, ts DESC);
--rollback DROP TABLE exits;
