-- Alerts stored in PostgreSQL per symbol and band, with the latest one (does the DB agree with
-- the topic; which symbols alert most).
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT symbol, band, COUNT(*) AS alerts, MAX(ts) AS last_alert
FROM pg_alerts
GROUP BY symbol, band
ORDER BY symbol, band;
