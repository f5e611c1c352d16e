--liquibase formatted sql

--changeset cryptorun:011-replication-failovers
-- Multi-region replication (issue 17, docs/DATA_MULTI_REGION.md): every promotion of a region for a tier,
-- written by `cryptorun replication failover` into the promoted region's database (and the other's when it
-- answers). Region-local on purpose: never part of the warm-tier publication. The newest row per tier names
-- the region that is primary for it.
CREATE TABLE replication_failovers (
  ts          timestamptz NOT NULL,
  tier        text        NOT NULL,
  from_region text        NOT NULL,
  to_region   text        NOT NULL,
  lag_seconds numeric,
  detail      jsonb       NOT NULL,
  CONSTRAINT replication_failovers_natural_key PRIMARY KEY (tier, ts)
);
--rollback DROP TABLE replication_failovers;
