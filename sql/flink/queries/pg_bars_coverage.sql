-- Bars stored in PostgreSQL per interval and symbol: how many and the covered time range.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT `interval`, symbol, COUNT(*) AS bars, MIN(ts) AS first_bar, MAX(ts) AS last_bar
FROM pg_bars
GROUP BY `interval`, symbol
ORDER BY `interval`, symbol;
