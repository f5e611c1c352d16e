-- Why input was rejected: quarantined frames on cryptorun.quarantine per venue and reason, with
-- the last time each happened.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT venue, reason, COUNT(*) AS frames, MAX(ts_ltz) AS last_seen
FROM quarantine /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
GROUP BY venue, reason
ORDER BY venue, reason;
