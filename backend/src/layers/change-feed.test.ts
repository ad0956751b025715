import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { type Tile, tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile, josephstrasse } from '../tiles/tile-testing.ts'
import { changeChannel } from './change-feed.ts'

// The database announces every committed change (sql/012), on both engines, and an app hears it
// on its own connection: a write through the database handle, not the API, refreshes its tiles.

const db = useTestDatabase()

type Notice = {
  table: string
  count?: number
  ids?: number[] | null
  before?: number[] | null
  after?: number[] | null
}

const heard: string[] = []
let unlisten: (() => Promise<void>) | undefined

beforeAll(async () => {
  const listening = await db().sql.listen(changeChannel, (payload) => heard.push(payload))
  unlisten = listening.unlisten
})

afterAll(async () => {
  await unlisten?.()
})

/** Sends a marker notification and waits for it: whatever was announced before has arrived. */
async function drain(): Promise<void> {
  const marker = `marker-${Math.random()}`
  await db().sql`select pg_notify(${changeChannel}, ${JSON.stringify({ table: marker })})`
  await until(() => heard.some((payload) => payload.includes(marker)))
}

/** Runs `write` and answers what was announced for it (between two markers). */
async function announced(write: () => Promise<unknown>): Promise<{ notices: Notice[]; bytes: number[] }> {
  await drain()
  heard.length = 0
  await write()
  await drain()
  const payloads = heard.filter((payload) => !payload.includes('marker-'))
  return {
    notices: payloads.map((payload) => JSON.parse(payload) as Notice),
    bytes: payloads.map((payload) => Buffer.byteLength(payload)),
  }
}

async function until(done: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function gardenId(): Promise<number> {
  const [garden] = await db().sql<{ id: number }[]>`
    select id from plots where name = 'Nachbarschaftsgärten Josephstraße'`
  return garden?.id ?? 0
}

describe('the database announces every change', () => {
  it('announces a plain-SQL update of one plot: its id and its extent before and after', async () => {
    const id = await gardenId()
    const { notices } = await announced(
      () => db().sql`update plots set geom = st_translate(geom, 0.001, 0) where id = ${id}`,
    )
    expect(notices).toHaveLength(1)
    const [notice] = notices as [Notice]
    expect(notice).toMatchObject({ table: 'plots', count: 1, ids: [id] })
    const [before, after] = [notice.before ?? [], notice.after ?? []]
    expect(after[0]).toBeCloseTo((before[0] ?? 0) + 0.001, 9)
    expect(after[1]).toBeCloseTo(before[1] ?? 0, 9)
    await db().sql`update plots set geom = st_translate(geom, -0.001, 0) where id = ${id}`
  })

  it('announces nothing for a rolled-back write', async () => {
    const id = await gardenId()
    const { notices } = await announced(() =>
      db()
        .sql.begin(async (tx) => {
          await tx`update plots set name = name where id = ${id}`
          throw new Error('roll back')
        })
        .catch(() => {}),
    )
    expect(notices).toEqual([])
  })

  it('sends one notification below 8000 bytes per statement, however many rows it writes', async () => {
    // Any count above 50 takes the path of a 100,000-row import (extent only, no ids); 500 rows on
    // PostgreSQL and 100 embedded keep the suite quick, since the history and search row triggers
    // run for every row.
    const rows = db().engine === 'postgresql' ? 500 : 100
    const inserted = await announced(
      () => db().sql`
        insert into plots (name, geom)
        select 'Feed test ' || g, st_multi(st_buffer(st_point(12.30 + g * 0.00001, 51.30), 0.000004, 2))
          from generate_series(1, ${rows}::int) as g`,
    )
    expect(inserted.notices).toMatchObject([{ table: 'plots', count: rows, ids: null, before: null }])
    const updated = await announced(() => db().sql`update plots set description = description where true`)
    expect(updated.notices).toHaveLength(1)
    expect(updated.notices[0]?.count).toBeGreaterThan(rows)
    const deleted = await announced(() => db().sql`delete from plots where name like 'Feed test %'`)
    expect(deleted.notices).toMatchObject([{ table: 'plots', count: rows, after: null }])
    for (const bytes of [...inserted.bytes, ...updated.bytes, ...deleted.bytes])
      expect(bytes).toBeLessThan(8000)
  }, 60_000)

  it('announces interim uses when an agreement changes', async () => {
    const [agreement] = await db().sql<{ id: number }[]>`
      select id from agreements where status = 'active' order by id limit 1`
    const { notices } = await announced(
      () => db().sql`update agreements set description = description where id = ${agreement?.id ?? 0}`,
    )
    expect(notices).toMatchObject([{ table: 'interim_uses', count: 1, ids: [agreement?.id] }])
    expect(notices[0]?.after).toHaveLength(4)
  })
})

describe('an app hears changes written past it', () => {
  let app: App
  beforeAll(() => {
    app = createApp(db())
  })

  const plotIds = async (tile: Tile) => {
    const response = await app.request(
      `/api/collections/plots/tiles/WebMercatorQuad/${tile.z}/${tile.y}/${tile.x}`,
      {
        headers: { 'Accept-Encoding': 'gzip' },
      },
    )
    if (response.status === 204) return []
    expect(response.status, await response.clone().text()).toBe(200)
    const bytes = gunzipSync(new Uint8Array(await response.arrayBuffer()))
    return (decodeTile(bytes).get('plots') ?? []).map((feature) => feature.id)
  }

  it('refreshes its cached tile after an SQL write through the database handle', async () => {
    const id = await gardenId()
    const moved = tileAt(12.3345 + 0.05, 51.3345, 14)
    // The cache holds both tiles (the second read answers from it) before the write.
    expect(await plotIds(josephstrasse)).toContain(id)
    expect(await plotIds(moved)).not.toContain(id)
    await db().sql`update plots set geom = st_translate(geom, 0.05, 0) where id = ${id}`
    await until(async () => (await plotIds(moved)).includes(id))
    expect(await plotIds(josephstrasse)).not.toContain(id)
    await db().sql`update plots set geom = st_translate(geom, -0.05, 0) where id = ${id}`
    await until(async () => (await plotIds(josephstrasse)).includes(id))
  })
})
