--liquibase formatted sql

--changeset cryptorun:004-jobs-audit
-- Job lifecycle and checkpoints/savepoints (docs/DB.md "jobs_audit"). Small: not partitioned.
-- event: SUBMITTED, RESTORED, CHECKPOINT, SAVEPOINT, FINISHED, FAILED, CANCELED.
-- checkpoint_id is -1 for job-level events, so (job_id, event, checkpoint_id) is the natural key
-- and re-recording an event (e.g. after a restore) updates instead of duplicating.
CREATE TABLE jobs_audit (
  job_id        text        NOT NULL,
  job_name      text        NOT NULL,
  event         text        NOT NULL,
  checkpoint_id bigint      NOT NULL DEFAULT -1,
  start_ts      timestamptz NOT NULL,
  end_ts        timestamptz,
  status        text        NOT NULL,
  latency_ms    bigint,
  detail        text,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT jobs_audit_natural_key PRIMARY KEY (job_id, event, checkpoint_id)
);
CREATE INDEX jobs_audit_start_ts ON jobs_audit (start_ts DESC);
--rollback DROP TABLE jobs_audit;

--changeset cryptorun:004-control-audit
-- Every change of mutes and allow/deny lists from cryptorun.control (SPEC §9).
CREATE TABLE control_audit (
  ts      timestamptz NOT NULL,
  command text        NOT NULL,
  target  text        NOT NULL,
  until   timestamptz,
  payload jsonb       NOT NULL,
  CONSTRAINT control_audit_natural_key PRIMARY KEY (ts, command, target)
);
--rollback DROP TABLE control_audit;
