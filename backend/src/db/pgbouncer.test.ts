import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type App, createApp } from '../app.ts'
import { demoAccounts } from '../auth/demo-accounts.ts'
import { square } from '../features/features.testing.ts'
import { type Bouncer, pgbouncerUnavailable, startPgBouncer } from '../test/pgbouncer.testing.ts'
import { openCopy } from '../test/template-database.ts'
import { tileAt } from '../tiles/tile-coordinates.ts'
import { type Database, openDatabase } from './database.ts'
import { servingLimits } from './sql-client.ts'

// The app behind PgBouncer in transaction mode (DATABASE_PREPARE=false): reads, a sign-in (a
// transaction with advisory locks), a write and its history, a tile, all through the pooler, with
// more concurrent requests than the pooler has server connections.

const template = inject('template')
const unavailable = template.engine === 'postgresql' ? pgbouncerUnavailable() : 'PostgreSQL only'
if (unavailable) console.warn(`pgbouncer.test.ts skipped: ${unavailable}`)

describe.skipIf(unavailable !== undefined)('behind PgBouncer in transaction mode', () => {
  let copy: Database & { url?: string }
  let bouncer: Bouncer
  let db: Database
  let app: App

  beforeAll(async () => {
    copy = await openCopy(template)
    const direct = new URL(copy.url ?? '')
    bouncer = await startPgBouncer({ host: direct.hostname, port: Number(direct.port || 5432) })
    db = await openDatabase(
      { databaseUrl: bouncer.url(direct.pathname.slice(1)), prepareStatements: false, dataDir: '' },
      () => {},
      { limits: servingLimits },
    )
    app = createApp(db)
  })

  afterAll(async () => {
    await db?.close()
    await bouncer?.stop()
    await copy?.close()
  })

  it('serves reads, sign-in, writes and tiles', async () => {
    const admin = demoAccounts.find((account) => account.role === 'admin')
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    })
    expect(login.status).toBe(200)
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const written = await app.request('/api/collections/plots/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', Origin: 'http://localhost', Cookie: session },
      body: JSON.stringify({
        type: 'Feature',
        geometry: square(12.305, 51.345),
        properties: { name: 'Brache (Test)' },
      }),
    })
    expect(written.status).toBe(201)
    const id = Number((written.headers.get('location') ?? '').split('/').pop())
    const { z, x, y } = tileAt(12.30525, 51.34525, 14)
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        app.request(
          i % 3 === 0
            ? `/api/collections/plots/items/${id}`
            : i % 3 === 1
              ? '/api/collections/plots/items?limit=5'
              : `/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`,
        ),
      ),
    )
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
    const history = await app.request(`/api/collections/plots/items/${id}/history`, {
      headers: { Cookie: session },
    })
    expect(history.status).toBe(200)
  })
})
