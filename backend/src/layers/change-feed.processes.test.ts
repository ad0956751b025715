import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { repoRoot } from '../config.ts'
import type { Database } from '../db/database.ts'
import { type AppProcess, startAppProcess } from '../test/app-process.ts'
import { openCopy } from '../test/template-database.ts'
import { type Tile, tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile } from '../tiles/tile-testing.ts'

// Two app processes on one PostgreSQL, as replicas behind a proxy run: whoever writes (the other
// process, plain SQL, db:import), each process's cached tiles follow within a second, and a
// dropped listening connection never lets a stale tile out.

const template = inject('template')

describe.skipIf(template.engine !== 'postgresql')('two app processes on one database', () => {
  let db: Database & { url?: string }
  let a: AppProcess
  let b: AppProcess
  let token: string
  let id: number
  let at: Tile

  beforeAll(async () => {
    db = await openCopy(template)
    const planner = await createUser(db, 'planner')
    token = (await createApiToken(db.sql, planner.id, 'feed')).token
    ;[a, b] = await Promise.all([
      startAppProcess({ DATABASE_URL: db.url }),
      startAppProcess({ DATABASE_URL: db.url }),
    ])
    const [garden] = await db.sql<{ id: number; lon: number; lat: number }[]>`
      select id, st_x(st_centroid(geom)) as lon, st_y(st_centroid(geom)) as lat
        from plots where name = 'Nachbarschaftsgärten Josephstraße'`
    id = garden?.id ?? 0
    at = tileAt(garden?.lon ?? 0, garden?.lat ?? 0, 14)
  }, 120_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await db?.close()
  })

  /** The plot names in the plots tile at `at` as `app` serves it (anonymous: the fast path). */
  const names = async (app: AppProcess) => {
    const response = await fetch(
      `${app.origin}/api/collections/plots/tiles/WebMercatorQuad/${at.z}/${at.y}/${at.x}`,
      {
        headers: { 'Accept-Encoding': 'gzip' },
      },
    )
    if (response.status === 204) return []
    expect(response.status).toBe(200)
    // fetch has undone the gzip coding already.
    const bytes = new Uint8Array(await response.arrayBuffer())
    return (decodeTile(bytes).get('plots') ?? []).map((feature) => String(feature.properties.name))
  }

  /** Polls until every app's tile shows `name`, then checks it stays so; fails after `ms`. */
  const freshWithin = async (apps: AppProcess[], name: string, ms: number) => {
    const deadline = Date.now() + ms
    for (const app of apps) {
      while (!(await names(app)).includes(name)) {
        if (Date.now() > deadline) throw new Error(`${app.origin} still serves the old tile after ${ms} ms`)
      }
      for (let i = 0; i < 5; i++) expect(await names(app)).toContain(name)
    }
  }

  /** Fills both caches with the tile as it is now (the second read of each is a hit). */
  const warm = async (name: string) => {
    await freshWithin([a, b], name, 10_000)
  }

  it('an edit through A makes B’s cached tile fresh within 1 s', async () => {
    await warm('Nachbarschaftsgärten Josephstraße')
    const headers = { Authorization: `Bearer ${token}` }
    const read = await fetch(`${a.origin}/api/collections/plots/items/${id}`, { headers })
    await read.body?.cancel()
    const write = await fetch(`${a.origin}/api/collections/plots/items/${id}`, {
      method: 'PATCH',
      headers: {
        ...headers,
        'Content-Type': 'application/merge-patch+json',
        'If-Match': read.headers.get('etag') ?? '',
      },
      body: JSON.stringify({ properties: { name: 'Gärten Josephstraße (A)' } }),
    })
    expect(write.status).toBe(200)
    await freshWithin([b, a], 'Gärten Josephstraße (A)', 1000)
  })

  it('a plain-SQL update refreshes both', async () => {
    await warm('Gärten Josephstraße (A)')
    await db.sql`update plots set name = 'Gärten Josephstraße (SQL)' where id = ${id}`
    await freshWithin([a, b], 'Gärten Josephstraße (SQL)', 1000)
  })

  it('db:import while both run refreshes both', async () => {
    await warm('Gärten Josephstraße (SQL)')
    const [row] = await db.sql<
      { geometry: unknown }[]
    >`select st_asgeojson(geom)::json as geometry from plots where id = ${id}`
    const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-feed-'))
    const file = join(dir, 'plots.geojson')
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: row?.geometry,
            properties: { name: 'Importierte Fläche Josephstraße', external_id: 'feed-import-1' },
          },
        ],
      }),
    )
    try {
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(repoRoot, 'backend/src/cli/import.ts'), 'plots', file],
          {
            cwd: repoRoot,
            env: { ...process.env, DATABASE_URL: db.url },
            stdio: 'ignore',
          },
        )
        child.once('exit', resolve)
      })
      expect(code).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    await freshWithin([a, b], 'Importierte Fläche Josephstraße', 1000)
  }, 60_000)

  it('a killed listening connection never lets a stale tile out', async () => {
    await warm('Gärten Josephstraße (SQL)')
    for (const round of [1, 2, 3]) {
      const name = `Gärten Josephstraße (nach Abbruch ${round})`
      // The write commits right after the listeners are ended: its notification reaches no one.
      await db.sql.unsafe(`
        select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and application_name = 'quartiersatlas changes';
        update plots set name = '${name}' where id = ${id};`)
      await freshWithin([a, b], name, 2000)
    }
    const [listeners] = await db.sql<{ count: number }[]>`
      select count(*)::int as count from pg_stat_activity
       where datname = current_database() and application_name = 'quartiersatlas changes'`
    expect(listeners?.count).toBe(2)
  }, 60_000)
})
