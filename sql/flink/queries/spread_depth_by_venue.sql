-- Spread and depth per venue and symbol over everything in the topic.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT venue, symbol,
       COUNT(*)                     AS seconds,
       MIN(ts_ltz)                  AS first_ts,
       MAX(ts_ltz)                  AS last_ts,
       CAST(AVG(spread_bps) AS DECIMAL(20, 4)) AS avg_spread_bps,
       MIN(spread_bps)              AS min_spread_bps,
       MAX(spread_bps)              AS max_spread_bps,
       CAST(AVG(depth_usd) AS DECIMAL(28, 2))  AS avg_depth_usd,
       MIN(depth_usd)               AS min_depth_usd
FROM microstructure /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
GROUP BY venue, symbol
ORDER BY venue, symbol;
