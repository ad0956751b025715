import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { plotFeature } from '../features/features.testing.ts'
import { type AppProcess, startAppProcess } from '../test/app-process.ts'
import { openCopy } from '../test/template-database.ts'
import type { Database } from './database.ts'

// PostgreSQL ends the app's connections (an administrator, a failover, a restart) while writes
// are in flight. postgres.js 3.4.9 then wrote to a socket it had already dropped, from a timer,
// and the uncaught TypeError took the whole process down (see patches/postgres+3.4.9.patch).

const template = inject('template')
const drops = 20
const writers = 6

describe.skipIf(template.engine !== 'postgresql')('connections dropped during writes', () => {
  let db: Database & { url?: string }
  let app: AppProcess
  let headers: Record<string, string>

  beforeAll(async () => {
    db = await openCopy(template)
    const admin = await createUser(db, 'admin')
    const { token } = await createApiToken(db.sql, admin.id, 'drops')
    headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/geo+json' }
    app = await startAppProcess({ DATABASE_URL: db.url })
  })

  afterAll(async () => {
    await app?.stop()
    await db?.close()
  })

  it(`survives ${drops} drops; every answer is 201 or 503, and the data equals the 201s`, async () => {
    const marker = `drop-test-${Date.now().toString(36)}`
    const statuses: number[] = []
    const created: number[] = []
    let writesSinceDrop = 0
    let running = true
    // A client that gets 503 sends the same request again with the same Idempotency-Key: a 503
    // can hide a commit whose answer was lost (PostgreSQL ends the session right after COMMIT).
    const write = async (n: number) => {
      for (;;) {
        const response = await fetch(`${app.origin}/api/collections/plots/items`, {
          method: 'POST',
          headers: { ...headers, 'Idempotency-Key': `${marker}-${n}` },
          body: JSON.stringify(plotFeature({ name: `${marker} ${n}` })),
        }).catch(() => undefined)
        if (!response) {
          running = false
          return
        }
        statuses.push(response.status)
        if (response.status === 201) {
          created.push(((await response.json()) as { id: number }).id)
          writesSinceDrop += 1
          return
        }
        expect(response.headers.get('content-type')).toContain('application/problem+json')
        await response.body?.cancel()
        if (response.status !== 503) return
      }
    }
    let n = 0
    const loops = Array.from({ length: writers }, async () => {
      while (running) await write(n++)
    })
    for (let drop = 0; drop < drops; drop++) {
      // A drop only counts while writes go through: wait for the app to have reconnected.
      await until(() => writesSinceDrop >= writers || !running)
      if (!running) break
      writesSinceDrop = 0
      await db.sql`
        select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()`
    }
    await until(() => writesSinceDrop >= writers || !running)
    running = false
    await Promise.all(loops)

    expect(app.child.exitCode, app.stderr()).toBeNull()
    expect(app.stderr()).not.toContain('TypeError')
    expect(new Set(statuses.filter((status) => status !== 201 && status !== 503))).toEqual(new Set())
    const stored = await db.sql<{ id: number }[]>`
      select id from plots where name like ${`${marker} %`} order by id`
    expect(statuses).toContain(503)
    expect(stored.map((row) => row.id)).toEqual([...created].sort((a, b) => a - b))
  }, 120_000)
})

/** Resolves once `condition` holds, checking on every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
