import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runEndingSoonOnceAnHour } from '../agreements/ending-soon.queries.ts'
import { openCopy } from '../test/template-database.ts'
import type { Database } from './database.ts'
import { runOncePerPeriod } from './scheduled-runs.queries.ts'
import { createSqlClient, type Sql } from './sql-client.ts'

// Two app instances on one database each start the hourly timers: the job runs in one of them.
// On PostgreSQL the second instance has its own pool, as a second replica would; the embedded
// database is one session, so there the second instance queues behind the first.

const template = inject('template')

describe('a job that runs once per period across app instances', () => {
  let db: Database & { url?: string }
  let first: Sql
  let second: Sql

  beforeAll(async () => {
    db = await openCopy(template)
    first = db.sql
    second = db.url ? createSqlClient(db.url, { max: 2 }) : db.sql
  })

  afterAll(async () => {
    if (second !== first) await second?.end({ timeout: 1 })
    await db?.close()
  })

  it('runs in one instance while the other skips, and not again within the period', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const ran: string[] = []
    const inFirst = runOncePerPeriod(first, 'test-job', 3600, async () => {
      ran.push('first')
      await gate
    })
    await until(() => ran.length === 1)
    const inSecond = runOncePerPeriod(second, 'test-job', 3600, async () => {
      ran.push('second')
    })
    // PostgreSQL: the second instance does not wait for the first, it skips at once.
    if (db.engine === 'postgresql') expect(await inSecond).toBe(false)
    release()
    expect(await inFirst).toBe(true)
    expect(await inSecond).toBe(false)
    expect(await runOncePerPeriod(second, 'test-job', 3600, async () => ran.push('again'))).toBe(false)
    expect(ran).toEqual(['first'])

    await first`update scheduled_runs set last_run_at = now() - interval '61 minutes' where job = 'test-job'`
    expect(await runOncePerPeriod(second, 'test-job', 3600, async () => ran.push('next hour'))).toBe(true)
    expect(ran).toEqual(['first', 'next hour'])
  })

  it('does not claim the period when the run fails', async () => {
    const failing = runOncePerPeriod(first, 'failing-job', 3600, async () => {
      throw new Error('smtp away')
    })
    await expect(failing).rejects.toThrow('smtp away')
    expect(await runOncePerPeriod(second, 'failing-job', 3600, async () => {})).toBe(true)
  })

  it('sends the ending-soon reminders from one instance only', async () => {
    const before = await countReminders(first)
    const sent = await Promise.all([
      runEndingSoonOnceAnHour(first, 120),
      runEndingSoonOnceAnHour(second, 120),
    ])
    expect(sent.filter(Boolean)).toHaveLength(1)
    expect(await countReminders(first)).toBeGreaterThan(before)
    const afterOneRun = await countReminders(first)
    expect(await runEndingSoonOnceAnHour(second, 120)).toBe(false)
    expect(await countReminders(first)).toBe(afterOneRun)
  })
})

async function countReminders(sql: Sql): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select count(*)::int as count from notifications where kind = 'agreement.ending_soon'`
  return row?.count ?? 0
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}
