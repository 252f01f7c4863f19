-- A key task's scope: besides its counties, the city units (承办部门, department codes,
-- comma-separated) that carry it themselves, each with an assignment of its own. NULL means no
-- such unit, as every row from before this version has it. COUNTIES may now be empty (a task
-- carried by departments only); the catalogue import keeps at least one party per task.
ALTER TABLE OV_KEY_TASK ADD COLUMN IF NOT EXISTS UNITS VARCHAR(1000);
