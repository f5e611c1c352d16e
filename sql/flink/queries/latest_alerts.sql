-- The 20 most recent alerts on cryptorun.alerts (what was sent, with score, band, regime and the
-- book at alert time), newest first.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT ts_ltz, symbol, venue, channel, score, band, regime,
       microstructure.spread_bps AS spread_bps, microstructure.depth_usd AS depth_usd
FROM alerts /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
ORDER BY ts DESC, symbol, channel
LIMIT 20;
