-- Periodic jobs (the hourly ending-soon reminder) run once per period across every app process
-- sharing this database: the process that claims a job's row starts the run, the others skip it.
create table scheduled_runs (
  job         text primary key,
  last_run_at timestamptz not null
);
