-- Regime history (PostgreSQL regime_snapshots): each regime change with the time it began and
-- the inputs that decided it; one row per stretch of the same regime.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT regime, MIN(ts) AS since, MAX(ts) AS last_snapshot, COUNT(*) AS snapshots
FROM (
  SELECT ts, regime,
         SUM(changed) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS stretch
  FROM (
    SELECT ts, regime,
           CASE WHEN regime = LAG(regime) OVER (ORDER BY ts) THEN 0 ELSE 1 END AS changed
    FROM pg_regime_snapshots
  )
)
GROUP BY stretch, regime
ORDER BY since;
