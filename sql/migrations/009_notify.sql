--liquibase formatted sql

--changeset cryptorun:009-notify-ledger
-- The notifier's delivery ledger (docs/ALERTS.md "Delivery semantics"): one row per (alert id,
-- channel) once the message was delivered (status 'sent'), deliberately not sent (a mute: 'muted')
-- or given up ('dead_letter', the details in notify_dead_letters). The notifier checks it before
-- every send and writes it right after, so restarts and reruns never resend what it recorded.
-- alert_id: "alert/<ts µs>/<symbol>/<throttle channel>" or "exit/<ts µs>/<symbol>/<reason>/<entry ts µs>".
CREATE TABLE notify_ledger (
  alert_id    text        NOT NULL,
  channel     text        NOT NULL,
  status      text        NOT NULL,
  event_ts    timestamptz NOT NULL,
  symbol      text        NOT NULL,
  attempts    integer     NOT NULL,
  latency_ms  bigint,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notify_ledger_key PRIMARY KEY (alert_id, channel),
  CONSTRAINT notify_ledger_status CHECK (status IN ('sent', 'muted', 'dead_letter'))
);
CREATE INDEX notify_ledger_recorded ON notify_ledger (recorded_at DESC);
--rollback DROP TABLE notify_ledger;

--changeset cryptorun:009-notify-dead-letters
-- Messages a destination refused for good (a permanent 4xx such as a revoked webhook or "chat not
-- found") or that kept failing until the delivery deadline. error holds the API's status and
-- description, never the webhook URL or bot token; body is the rendered message.
CREATE TABLE notify_dead_letters (
  alert_id    text        NOT NULL,
  channel     text        NOT NULL,
  http_status integer,
  error       text        NOT NULL,
  attempts    integer     NOT NULL,
  body        text        NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notify_dead_letters_key PRIMARY KEY (alert_id, channel)
);
--rollback DROP TABLE notify_dead_letters;
