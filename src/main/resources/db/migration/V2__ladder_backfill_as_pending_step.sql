-- The once-only ladder backfill (escalation.CaseBackfill) reads and writes the engine's data
-- (process variables, candidate groups, history), which only the engine can do correctly, and the
-- engine is not running while Flyway migrates. So this migration does not do the backfill itself:
-- it records it as a pending engine-side step, which the application performs at start-up under
-- the start-up lock and deletes in the same transaction (see common.Startup).
-- The previous release's own record of done work, OV_MIGRATION, is carried over and dropped: a
-- database on which the backfill ran already does not get it again.
CREATE TABLE OV_PENDING_STEP (
  NAME         VARCHAR(64) NOT NULL PRIMARY KEY,
  REQUESTED_AT TIMESTAMP   NOT NULL
);

INSERT INTO OV_PENDING_STEP (NAME, REQUESTED_AT)
  SELECT 'ladder-backfill', CURRENT_TIMESTAMP
  WHERE NOT EXISTS (SELECT 1 FROM OV_MIGRATION WHERE NAME = 'ladder-backfill');

DROP TABLE OV_MIGRATION;
