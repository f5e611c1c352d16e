--liquibase formatted sql

-- "What did the scanner know at T?" (SPEC §10). Every function looks only at rows with
-- ts <= T, so the answer is what the scanner had emitted by event time T (rows are written
-- with their event time, never with the wall-clock time they reached the database).

--changeset cryptorun:007-point-in-time splitStatements:false
-- The regime in force at T: the latest snapshot at or before T.
CREATE FUNCTION scanner_regime_at(t timestamptz) RETURNS SETOF regime_snapshots
LANGUAGE sql STABLE AS $$
  SELECT * FROM regime_snapshots WHERE ts <= t ORDER BY ts DESC LIMIT 1
$$;

-- The latest score of every symbol at or before T (with its gates, reasons and regime).
CREATE FUNCTION scanner_scores_at(t timestamptz) RETURNS SETOF premove_artifacts
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (symbol) * FROM premove_artifacts WHERE ts <= t ORDER BY symbol, ts DESC
$$;

-- Alerts sent in (T - lookback, T].
CREATE FUNCTION scanner_alerts_at(t timestamptz, lookback interval DEFAULT interval '24 hours') RETURNS SETOF alerts
LANGUAGE sql STABLE AS $$
  SELECT * FROM alerts WHERE ts <= t AND ts > t - lookback ORDER BY ts, symbol, channel
$$;

-- One row per symbol: its latest score/gates at or before T, the regime in force at T and its
-- latest alert at or before T.
CREATE FUNCTION scanner_state_at(t timestamptz)
RETURNS TABLE (symbol text, scored_at timestamptz, score double precision, band text, gates jsonb,
               reasons text[], state text, regime text, regime_since timestamptz, last_alert_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT s.symbol, s.ts, s.score, s.band, s.gates, s.reasons, s.state, r.regime, r.ts,
         (SELECT max(a.ts) FROM alerts a WHERE a.symbol = s.symbol AND a.ts <= t)
    FROM scanner_scores_at(t) s
    LEFT JOIN scanner_regime_at(t) r ON true
   ORDER BY s.symbol
$$;
--rollback DROP FUNCTION scanner_state_at(timestamptz);
--rollback DROP FUNCTION scanner_alerts_at(timestamptz, interval);
--rollback DROP FUNCTION scanner_scores_at(timestamptz);
--rollback DROP FUNCTION scanner_regime_at(timestamptz);
