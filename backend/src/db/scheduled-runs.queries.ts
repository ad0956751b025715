import type { Queries, Sql } from './sql-client.ts'

// Any number of replicas share one database, and each starts the same timers. A periodic job
// runs in the process that claims it: a try-lock keeps a second process from waiting on the first
// (it skips instead), and the job's row says when it last ran, so a replica started later does
// not run it again within the period.

/**
 * Runs `job` in one transaction if no process ran it within `periodSeconds`; otherwise, or while
 * another process runs it, skips. Returns whether it ran here. A failed run claims nothing.
 */
export async function runOncePerPeriod(
  sql: Sql,
  job: string,
  periodSeconds: number,
  run: (tx: Queries) => Promise<unknown>,
): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`
      select pg_try_advisory_xact_lock(hashtextextended(${`scheduled-run:${job}`}, 0)) as locked`
    if (!lock?.locked) return false
    const claimed = await tx`
      insert into scheduled_runs (job, last_run_at) values (${job}, now())
      on conflict (job) do update set last_run_at = excluded.last_run_at
       where scheduled_runs.last_run_at <= now() - make_interval(secs => ${periodSeconds})
      returning job`
    if (claimed.length === 0) return false
    await run(tx)
    return true
  })
}
