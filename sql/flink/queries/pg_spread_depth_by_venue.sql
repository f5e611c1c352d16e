-- Spread and depth per venue and symbol from PostgreSQL microstructure (the persisted copy of the
-- topic): seconds stored, average / max spread in bps, average / min depth in USD.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT venue, symbol,
       COUNT(*)                                 AS seconds,
       CAST(AVG(spread_bps) AS DECIMAL(20, 4))  AS avg_spread_bps,
       MAX(spread_bps)                          AS max_spread_bps,
       CAST(AVG(depth_usd) AS DECIMAL(28, 2))   AS avg_depth_usd,
       MIN(depth_usd)                           AS min_depth_usd
FROM pg_microstructure
GROUP BY venue, symbol
ORDER BY venue, symbol;
