-- Latest microstructure row per (venue, symbol): the current state of every book.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT venue, symbol, ts_ltz, bid, ask, mid, spread_bps, depth_usd, imbalance, book_age_ms, frame
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY venue, symbol ORDER BY ts DESC) AS rn
  FROM microstructure /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
)
WHERE rn = 1
ORDER BY venue, symbol;
