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

  it(`survives ${drops} drops; every write answers 201 or 503 and each 201 is stored once`, async () => {
    const marker = `drop-test-${Date.now().toString(36)}`
    const statuses: number[] = []
    const created: number[] = []
    const refused: string[] = []
    let writesSinceDrop = 0
    let running = true
    const write = async (n: number) => {
      const response = await fetch(`${app.origin}/api/collections/plots/items`, {
        method: 'POST',
        headers,
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
      } else {
        refused.push(`${marker} ${n}`)
        expect(response.headers.get('content-type')).toContain('application/problem+json')
        await response.body?.cancel()
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
    // Every confirmed write is stored once. A 503 may hide a commit whose answer was lost
    // (PostgreSQL ends the session right after COMMIT): such a row may exist, never twice.
    const stored = await db.sql<{ id: number; name: string }[]>`
      select id, name from plots where name like ${`${marker} %`} order by id`
    const storedIds = new Set(stored.map((row) => row.id))
    expect(created.filter((id) => !storedIds.has(id))).toEqual([])
    const confirmed = new Set(created)
    const unconfirmed = stored.filter((row) => !confirmed.has(row.id)).map((row) => row.name)
    expect(unconfirmed.filter((name) => !refused.includes(name))).toEqual([])
    expect(new Set(stored.map((row) => row.name)).size).toBe(stored.length)
  }, 120_000)
})

/** Resolves once `condition` holds, checking on every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
