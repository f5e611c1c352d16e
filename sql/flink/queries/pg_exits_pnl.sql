-- Paper P&L per symbol from PostgreSQL exits: exits, positions entered, summed fraction-weighted P&L.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT symbol, COUNT(*) AS exits, COUNT(DISTINCT entry_ts) AS positions,
       CAST(SUM(pnl_pct * fraction) AS DECIMAL(20, 6)) AS weighted_pnl_pct
FROM pg_exits
GROUP BY symbol
ORDER BY symbol;
