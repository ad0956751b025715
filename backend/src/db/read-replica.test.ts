import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { App } from '../app.ts'
import { createApp } from '../app.ts'
import { demoAccounts, seedDemoAccounts } from '../auth/demo-accounts.ts'
import { square } from '../features/features.testing.ts'
import { prepareDatabase } from '../startup/prepare-database.ts'
import {
  type StreamingPair,
  startStreamingPair,
  streamingPairUnavailable,
} from '../test/streaming-replica.ts'
import { tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile } from '../tiles/tile-testing.ts'
import { type Database, openDatabase } from './database.ts'

// Reads on a real hot standby (a second PostgreSQL 15 cluster streaming from the first): anonymous
// items come from the standby, a user's own write is in their next read even while the standby
// lags (replay paused), and tiles come from the primary, so they are never behind the change feed.

const template = inject('template')
const unavailable = template.engine === 'postgresql' ? streamingPairUnavailable() : 'PostgreSQL only'
if (unavailable) console.warn(`read-replica.test.ts skipped: ${unavailable}`)

describe.skipIf(unavailable !== undefined)('reads on a hot standby', () => {
  let pair: StreamingPair
  let db: Database
  let app: App

  beforeAll(async () => {
    pair = await startStreamingPair()
    db = await openDatabase({ databaseUrl: pair.primaryUrl, databaseReadUrl: pair.standbyUrl, dataDir: '' })
    await prepareDatabase(db, { defaultMunicipality: '14713000' })
    await seedDemoAccounts(db.sql)
    app = createApp(db)
    const [{ lsn } = { lsn: '' }] = await db.sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`
    while (!(await db.replica?.replayedAtLeast(lsn))) await new Promise((resolve) => setTimeout(resolve, 50))
  }, 180_000)

  afterAll(async () => {
    await db?.close()
    await pair?.stop()
  })

  it('routes anonymous reads to the standby, the writer and tiles to the primary', async () => {
    const standby = db.replica?.sql
    if (!standby) throw new Error('no standby pool')
    const admin = demoAccounts.find((account) => account.role === 'admin')
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    })
    expect(login.status).toBe(200)
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

    await standby`select pg_wal_replay_pause()`
    try {
      const lon = 12.3101
      const lat = 51.3401
      const written = await app.request('/api/collections/plots/items', {
        method: 'POST',
        headers: { 'Content-Type': 'application/geo+json', Origin: 'http://localhost', Cookie: session },
        body: JSON.stringify({
          type: 'Feature',
          geometry: square(lon, lat),
          properties: { name: 'Brache (Test)' },
        }),
      })
      expect(written.status).toBe(201)
      const id = Number((written.headers.get('location') ?? '').split('/').pop())
      const lsnCookie = /qa_written_lsn=[^;]+/.exec(written.headers.get('set-cookie') ?? '')?.[0]
      expect(lsnCookie).toBeDefined()

      const item = `/api/collections/plots/items/${id}`
      // The writer reads their write although the standby has not replayed it.
      expect((await app.request(item, { headers: { Cookie: `${session}; ${lsnCookie}` } })).status).toBe(200)
      // Everyone else reads the standby, which is behind.
      expect((await app.request(item)).status).toBe(404)
      // Tiles come from the primary.
      const { z, x, y } = tileAt(lon + 0.00025, lat + 0.00025, 14)
      const tile = await app.request(`/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`)
      expect(tile.status).toBe(200)
      const plots = decodeTile(new Uint8Array(await tile.arrayBuffer())).get('plots') ?? []
      expect(plots.map((feature) => feature.id)).toContain(id)
    } finally {
      await standby`select pg_wal_replay_resume()`
    }
  })
})
