--liquibase formatted sql

-- Market data written by the scanner (exactly-once XA sinks, INSERT ... ON CONFLICT DO NOTHING on
-- the natural keys below, so a rerun of the same input leaves the tables unchanged).
-- Timestamps are event time (timestamptz keeps the µs of the JSON outputs); prices and quantities
-- are numeric, exactly the decimals of the JSON lines.

--changeset cryptorun:002-trades splitStatements:false
SELECT cryptorun_create_timeseries('trades', $$
  ts          timestamptz NOT NULL,
  venue       text        NOT NULL,
  symbol      text        NOT NULL,
  trade_id    text        NOT NULL,
  price       numeric     NOT NULL,
  qty         numeric     NOT NULL,
  side        text,
  order_type  text,
  conn        text,
  frame       bigint,
  received_ts timestamptz,
  CONSTRAINT trades_natural_key PRIMARY KEY (venue, symbol, trade_id, ts)
$$, interval '1 day');
CREATE INDEX trades_symbol_ts ON trades (symbol, ts DESC);
--rollback DROP TABLE trades;

--changeset cryptorun:002-microstructure splitStatements:false
SELECT cryptorun_create_timeseries('microstructure', $$
  ts            timestamptz NOT NULL,
  venue         text        NOT NULL,
  symbol        text        NOT NULL,
  bid           numeric     NOT NULL,
  ask           numeric     NOT NULL,
  mid           numeric     NOT NULL,
  spread_bps    numeric     NOT NULL,
  depth_bid_usd numeric     NOT NULL,
  depth_ask_usd numeric     NOT NULL,
  depth_usd     numeric     NOT NULL,
  imbalance     numeric,
  book_age_ms   bigint,
  vadr          numeric,
  valid         boolean     NOT NULL,
  conn          text,
  frame         bigint,
  CONSTRAINT microstructure_natural_key PRIMARY KEY (venue, symbol, ts)
$$, interval '1 day');
CREATE INDEX microstructure_symbol_ts ON microstructure (symbol, ts DESC);
--rollback DROP TABLE microstructure;

--changeset cryptorun:002-bars splitStatements:false
-- ts = bar open time; "interval" is 1m, 1h, 4h or 1d; venue is the venue or "consolidated".
SELECT cryptorun_create_timeseries('bars', $$
  ts         timestamptz NOT NULL,
  venue      text        NOT NULL,
  symbol     text        NOT NULL,
  "interval" text        NOT NULL,
  open       numeric,
  high       numeric,
  low        numeric,
  close      numeric,
  volume     numeric,
  trades     bigint,
  vwap       numeric,
  origin     text,
  CONSTRAINT bars_natural_key PRIMARY KEY (venue, symbol, "interval", ts)
$$, interval '7 days');
CREATE INDEX bars_symbol_ts ON bars (symbol, ts DESC);
--rollback DROP TABLE bars;
