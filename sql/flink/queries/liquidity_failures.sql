-- Seconds in which a book failed the liquidity thresholds of the entry gates
-- (spread >= 50 bps or depth within 2 % of mid < 100 000 USD), per venue and symbol.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT venue, symbol,
       COUNT(*)                                                          AS seconds,
       SUM(CASE WHEN spread_bps >= 50 OR depth_usd < 100000 THEN 1 ELSE 0 END) AS failing_seconds,
       SUM(CASE WHEN spread_bps >= 50 THEN 1 ELSE 0 END)                 AS wide_spread_seconds,
       SUM(CASE WHEN depth_usd < 100000 THEN 1 ELSE 0 END)               AS thin_depth_seconds,
       MAX(CASE WHEN spread_bps >= 50 OR depth_usd < 100000 THEN ts_ltz END) AS last_failure
FROM microstructure /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
GROUP BY venue, symbol
HAVING SUM(CASE WHEN spread_bps >= 50 OR depth_usd < 100000 THEN 1 ELSE 0 END) > 0
ORDER BY failing_seconds DESC, venue, symbol;
