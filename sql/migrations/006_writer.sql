--liquibase formatted sql

-- The one statement every exactly-once JDBC sink row goes through: CALL cryptorun_write(table, lines).
-- Why one: Flink's XA JDBC sink (flink-connector-jdbc 3.3.0) derives its XA transaction ids from
-- (job, subtask, checkpoint) only, so two XA sinks in one job collide on the same ids. The job
-- therefore writes every table through a single sink, and the row mapping (JSON output line ->
-- columns) lives here, next to the tables. Numbers go from the JSON text to numeric without
-- rounding; "ts" fields are epoch microseconds. Inserts skip rows whose natural key exists, so a
-- rerun of the same input changes nothing.

--changeset cryptorun:006-writer splitStatements:false
CREATE FUNCTION cryptorun_us(us bigint) RETURNS timestamptz LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT timestamptz 'epoch' + us * interval '1 microsecond'
$$;

CREATE FUNCTION cryptorun_texts(j jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(j)
           WHEN 'array' THEN ARRAY(SELECT jsonb_array_elements_text(j))
           WHEN 'string' THEN ARRAY[j #>> '{}']
           ELSE '{}'::text[] END
$$;

-- rows: a JSON array of output lines of one table (the job bundles up to a batch of lines per call).
CREATE PROCEDURE cryptorun_write(tbl text, rows jsonb) LANGUAGE plpgsql AS $$
BEGIN
  CASE tbl
  WHEN 'trades' THEN
    INSERT INTO trades (ts, venue, symbol, trade_id, price, qty, side, order_type, conn, frame, received_ts)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'venue', r->>'symbol', r->>'trade_id', (r->>'price')::numeric,
            (r->>'qty')::numeric, r->>'side', r->>'order_type', r->>'conn', (r->>'frame')::bigint,
            cryptorun_us((r->>'received_ts')::bigint)
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT trades_natural_key DO NOTHING;
  WHEN 'microstructure' THEN
    INSERT INTO microstructure (ts, venue, symbol, bid, ask, mid, spread_bps, depth_bid_usd, depth_ask_usd, depth_usd,
                                imbalance, book_age_ms, vadr, valid, conn, frame)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'venue', r->>'symbol', (r->>'bid')::numeric, (r->>'ask')::numeric,
            (r->>'mid')::numeric, (r->>'spread_bps')::numeric, (r->>'depth_bid_usd')::numeric,
            (r->>'depth_ask_usd')::numeric, (r->>'depth_usd')::numeric, (r->>'imbalance')::numeric,
            (r->>'book_age_ms')::bigint, (r->>'vadr')::numeric, (r->>'valid')::boolean, r->>'conn', (r->>'frame')::bigint
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT microstructure_natural_key DO NOTHING;
  WHEN 'bars' THEN
    INSERT INTO bars (ts, venue, symbol, "interval", open, high, low, close, volume, trades, vwap, origin)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'venue', r->>'symbol', r->>'interval', (r->>'open')::numeric,
            (r->>'high')::numeric, (r->>'low')::numeric, (r->>'close')::numeric, (r->>'volume')::numeric,
            (r->>'trades')::bigint, (r->>'vwap')::numeric, r->>'origin'
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT bars_natural_key DO NOTHING;
  WHEN 'regime_snapshots' THEN
    INSERT INTO regime_snapshots (ts, regime, realized_vol_7d, breadth, thrust, votes, confidence, weights, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'regime', (r->>'realized_vol_7d')::double precision,
            (r->>'breadth')::double precision, (r->>'thrust')::double precision, r->'votes',
            (r->>'confidence')::double precision, r->'weights', r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT regime_snapshots_natural_key DO NOTHING;
  WHEN 'premove_artifacts' THEN
    INSERT INTO premove_artifacts (ts, symbol, score, band, regime, factors, gates, reasons, state, latency_ms, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', (r->>'score')::double precision, r->>'band', r->>'regime',
            r->'factors', r->'gates', cryptorun_texts(r->'reasons'), r->>'state', (r->>'latency_ms')::bigint, r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT premove_artifacts_natural_key DO NOTHING;
  WHEN 'alerts' THEN
    INSERT INTO alerts (ts, symbol, channel, venue, score, band, regime, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', coalesce(r->>'channel', ''), r->>'venue',
            (r->>'score')::double precision, r->>'band', r->>'regime', r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT alerts_natural_key DO NOTHING;
  WHEN 'suppressed_alerts' THEN
    INSERT INTO suppressed_alerts (ts, symbol, channel, score, reasons, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', coalesce(r->>'channel', ''), (r->>'score')::double precision,
            cryptorun_texts(r->'reasons'), r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT suppressed_alerts_natural_key DO NOTHING;
  WHEN 'exits' THEN
    INSERT INTO exits (ts, symbol, entry_ts, reason, entry_price, exit_price, target_level, fraction, pnl_pct, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', cryptorun_us((r->>'entry_ts')::bigint), r->>'reason',
            (r->>'entry_price')::double precision, (r->>'exit_price')::double precision, (r->>'target_level')::integer,
            (r->>'fraction')::double precision, (r->>'pnl_pct')::double precision, r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT exits_natural_key DO NOTHING;
  WHEN 'control_audit' THEN
    INSERT INTO control_audit (ts, command, target, until, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'command', r->>'target', cryptorun_us((r->>'until')::bigint), r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT control_audit_natural_key DO NOTHING;
  ELSE
    RAISE EXCEPTION 'cryptorun_write: no table %', tbl;
  END CASE;
END
$$;
--rollback DROP PROCEDURE cryptorun_write(text, jsonb);
--rollback DROP FUNCTION cryptorun_texts(jsonb);
--rollback DROP FUNCTION cryptorun_us(bigint);
