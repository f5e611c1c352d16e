-- How often each gate reason trips (PostgreSQL premove_artifacts): per reason, the number of scored
-- ticks it failed and its share of all scored ticks.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT r.reason,
       COUNT(*) AS trips,
       CAST(COUNT(*) * 1.0 / (SELECT COUNT(*) FROM pg_premove_artifacts) AS DECIMAL(10, 6)) AS trip_rate
FROM pg_premove_artifacts AS a CROSS JOIN UNNEST(a.reasons) AS r (reason)
GROUP BY r.reason
ORDER BY r.reason;
