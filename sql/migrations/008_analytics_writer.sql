--liquibase formatted sql

-- The analytics tables read the JSON lines the replay files and Kafka topics already carry
-- (jobs/.../output/AnalyticsJson), not the field names 006 guessed before the analytics existed:
--   premove_artifacts  factors = the line's "residual" factors (what an alert calls "factors"),
--                      reasons = the reasons of every failed gate (gate order), state = pass|fail
--                      from "pass"; latency_ms stays NULL (the scan emits none)
--   exits              entry_price / exit_price from "entry" / "exit"
--   control_audit      command = "action", target = "target" (else the "scope", e.g. "all"),
--                      until = ts + "ttl_us" when the command has a ttl
-- Fields written as null (NaN/Infinity in the job) become NULL columns; the whole line stays in
-- "payload". The 006 procedure is kept under another name for the market tables, so undoing
-- this migration is a rename, not a copy of the old body.

--changeset cryptorun:008-analytics-writer splitStatements:false
ALTER PROCEDURE cryptorun_write(text, jsonb) RENAME TO cryptorun_write_006;

CREATE FUNCTION cryptorun_failed_gate_reasons(gates jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(reason ORDER BY gate, n), '{}'::text[])
    FROM jsonb_each(CASE jsonb_typeof(gates) WHEN 'object' THEN gates ELSE '{}'::jsonb END) AS g(gate, outcome),
         jsonb_array_elements_text(CASE jsonb_typeof(outcome->'reasons') WHEN 'array' THEN outcome->'reasons'
                                   ELSE '[]'::jsonb END) WITH ORDINALITY AS x(reason, n)
   WHERE (outcome->>'pass')::boolean IS NOT TRUE
$$;

CREATE PROCEDURE cryptorun_write(tbl text, rows jsonb) LANGUAGE plpgsql AS $$
BEGIN
  CASE tbl
  WHEN 'premove_artifacts' THEN
    INSERT INTO premove_artifacts (ts, symbol, score, band, regime, factors, gates, reasons, state, latency_ms, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', (r->>'score')::double precision, r->>'band', r->>'regime',
            coalesce(r->'factors', r->'residual'), r->'gates',
            CASE WHEN r->'reasons' IS NOT NULL THEN cryptorun_texts(r->'reasons') ELSE cryptorun_failed_gate_reasons(r->'gates') END,
            coalesce(r->>'state', CASE (r->>'pass')::boolean WHEN true THEN 'pass' WHEN false THEN 'fail' END),
            (r->>'latency_ms')::bigint, r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT premove_artifacts_natural_key DO NOTHING;
  WHEN 'exits' THEN
    INSERT INTO exits (ts, symbol, entry_ts, reason, entry_price, exit_price, target_level, fraction, pnl_pct, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', cryptorun_us((r->>'entry_ts')::bigint), r->>'reason',
            coalesce(r->>'entry_price', r->>'entry')::double precision,
            coalesce(r->>'exit_price', r->>'exit')::double precision, (r->>'target_level')::integer,
            (r->>'fraction')::double precision, (r->>'pnl_pct')::double precision, r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT exits_natural_key DO NOTHING;
  WHEN 'control_audit' THEN
    INSERT INTO control_audit (ts, command, target, until, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), coalesce(r->>'command', r->>'action'),
            coalesce(r->>'target', r->>'scope', ''),
            CASE WHEN r->'until' IS NOT NULL THEN cryptorun_us((r->>'until')::bigint)
                 WHEN (r->>'ttl_us')::bigint > 0 THEN cryptorun_us((r->>'ts')::bigint + (r->>'ttl_us')::bigint) END, r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT control_audit_natural_key DO NOTHING;
  ELSE
    -- trades, microstructure, bars, regime_snapshots, alerts, suppressed_alerts: 006 reads their lines as they are
    CALL cryptorun_write_006(tbl, rows);
  END CASE;
END
$$;
--rollback DROP PROCEDURE cryptorun_write(text, jsonb);
--rollback DROP FUNCTION cryptorun_failed_gate_reasons(jsonb);
--rollback ALTER PROCEDURE cryptorun_write_006(text, jsonb) RENAME TO cryptorun_write;
