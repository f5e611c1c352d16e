-- Paper-trade outcomes per exit reason on cryptorun.exits: how many exits, the fraction of the
-- positions they closed and their average / min / max P&L in percent.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT reason,
       COUNT(*)                                  AS exits,
       CAST(SUM(fraction) AS DECIMAL(20, 6))     AS fraction_closed,
       CAST(AVG(pnl_pct) AS DECIMAL(20, 6))      AS avg_pnl_pct,
       CAST(MIN(pnl_pct) AS DECIMAL(20, 6))      AS min_pnl_pct,
       CAST(MAX(pnl_pct) AS DECIMAL(20, 6))      AS max_pnl_pct
FROM exits /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
GROUP BY reason
ORDER BY reason;
