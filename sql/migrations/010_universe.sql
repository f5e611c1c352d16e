--liquibase formatted sql

-- The scanned universe (issue 13, `cryptorun universe`): one row per change of a symbol's place in
-- it, from the scanner's universe.jsonl lines (jobs/.../output/AnalyticsJson#universe). A row holds
-- from its ts until the symbol's next row; "what was the universe at T" is the newest row per
-- symbol with ts <= T (universe_at below). reason is NULL for an eligible symbol, else why not:
-- quote_not_usd, stablecoin, not_a_pair, adv_unknown, adv_below_min, no_valid_book.

--changeset cryptorun:010-universe-table
CREATE TABLE universe (
  ts           timestamptz NOT NULL,
  symbol       text        NOT NULL,
  eligible     boolean     NOT NULL,
  reason       text,
  adv_24h_usd  double precision,
  adv_tier     text        NOT NULL,
  vadr_min     double precision,
  vadr         double precision,
  vadr_bars    integer     NOT NULL,
  venues       text[]      NOT NULL,
  best_venue   text,
  payload      jsonb       NOT NULL,
  CONSTRAINT universe_natural_key PRIMARY KEY (symbol, ts)
);
CREATE INDEX universe_ts ON universe (ts DESC);
--rollback DROP TABLE universe;

--changeset cryptorun:010-universe-at splitStatements:false
CREATE FUNCTION universe_at(t timestamptz) RETURNS SETOF universe LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (symbol) * FROM universe WHERE ts <= t ORDER BY symbol, ts DESC
$$;
--rollback DROP FUNCTION universe_at(timestamptz);

--changeset cryptorun:010-universe-writer splitStatements:false
ALTER PROCEDURE cryptorun_write(text, jsonb) RENAME TO cryptorun_write_008;

CREATE PROCEDURE cryptorun_write(tbl text, rows jsonb) LANGUAGE plpgsql AS $$
BEGIN
  IF tbl = 'universe' THEN
    INSERT INTO universe (ts, symbol, eligible, reason, adv_24h_usd, adv_tier, vadr_min, vadr, vadr_bars, venues,
                          best_venue, payload)
    SELECT cryptorun_us((r->>'ts')::bigint), r->>'symbol', (r->>'eligible')::boolean, r->>'reason',
            (r->>'adv_24h_usd')::double precision, r->>'adv_tier', (r->>'vadr_min')::double precision,
            (r->>'vadr')::double precision, (r->>'vadr_bars')::integer, cryptorun_texts(r->'venues'),
            r->>'best_venue', r
      FROM jsonb_array_elements(rows) AS e(r)
    ON CONFLICT ON CONSTRAINT universe_natural_key DO NOTHING;
  ELSE
    CALL cryptorun_write_008(tbl, rows);
  END IF;
END
$$;
--rollback DROP PROCEDURE cryptorun_write(text, jsonb);
--rollback ALTER PROCEDURE cryptorun_write_008(text, jsonb) RENAME TO cryptorun_write;
