import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { demoDataDir, seedDemoData } from './seed-demo.ts'
import { readPlotHistories, seedPlotHistories } from './seed-demo-history.ts'

const db = useTestDatabase()
const gardens = 'demo:plot:josephstrasse-gardens'

async function gardensId(): Promise<number> {
  const [row] = await db().sql<{ id: number }[]>`select id::int from plots where external_id = ${gardens}`
  if (!row) throw new Error('no gardens plot')
  return row.id
}

/** The gardens plot in the as-of view of `date`, with its area in m² computed by PostGIS. */
async function gardensAsOf(date: string) {
  const id = await gardensId()
  const response = await createApp(db()).request(`/api/asof/plots?date=${date}`)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { features: { id: number; version: number; geometry: unknown }[] }
  const feature = body.features.find((f) => f.id === id)
  if (!feature) return undefined
  const [row] = await db().sql<{ area: number }[]>`
    select st_area(st_transform(st_setsrid(st_geomfromgeojson(${JSON.stringify(feature.geometry)}), 4326), 25833))::float8 as area`
  return { version: feature.version, area: row?.area ?? 0 }
}

/** The gardens plot's history rows in time order. */
async function historyRows() {
  return db().sql<
    { id: number; operation: string; version: number; changed_at: Date; before: unknown; after: unknown }[]
  >`
    select id::int, operation, version, changed_at, before, after from history
     where table_name = 'plots' and row_id = ${await gardensId()}
     order by changed_at, id`
}

describe('the Josephstraße gardens through the years', () => {
  it('shrink from about 7,000 m² (2009) to about 2,500 m² (2015) to about 550 m² today', async () => {
    expect(await gardensAsOf('2009-04-30')).toBeUndefined()
    const in2010 = await gardensAsOf('2010-06-01')
    const in2016 = await gardensAsOf('2016-06-01')
    const today = await gardensAsOf(new Date().toISOString().slice(0, 10))
    expect(in2010?.area).toBeGreaterThan(6800)
    expect(in2010?.area).toBeLessThan(7200)
    expect(in2016?.area).toBeGreaterThan(2300)
    expect(in2016?.area).toBeLessThan(2700)
    expect(today?.area).toBeGreaterThan(500)
    expect(today?.area).toBeLessThan(600)
    expect((in2010?.version ?? 0) < (in2016?.version ?? 0)).toBe(true)
    expect((in2016?.version ?? 0) < (today?.version ?? 0)).toBe(true)
    // The live row agrees with the last version and is ~550 m², as plots.geojson says.
    const [live] = await db().sql<{ area_m2: string; version: number }[]>`
      select area_m2, version from plots where external_id = ${gardens}`
    expect(Number(live?.area_m2)).toBeCloseTo(today?.area ?? 0, 0)
    expect(live?.version).toBe(today?.version)
  })

  it('lists its versions in time order, each one starting where the one before ended', async () => {
    const id = await gardensId()
    const response = await createApp(db()).request(`/api/collections/plots/items/${id}/history`)
    expect(response.status).toBe(200)
    const { versions } = (await response.json()) as {
      versions: { version: number; operation: string; changedAt: string }[]
    }
    expect(versions.map((v) => [v.operation, v.changedAt.slice(0, 4)])).toEqual([
      ['insert', '2009'],
      ['update', '2015'],
      ['update', '2021'],
    ])
    const numbers = versions.map((v) => v.version)
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
    expect(new Set(numbers).size).toBe(numbers.length)

    const rows = await historyRows()
    expect(rows[0]?.before).toBeNull()
    for (const [index, row] of rows.entries()) {
      if (index > 0) expect(row.before).toEqual(rows[index - 1]?.after)
      expect((row.after as { version: number }).version).toBe(row.version)
    }
  })

  it('adds nothing to the history when seeded again', async () => {
    const { sql } = db()
    const [total] = await sql<{ n: number }[]>`select count(*)::int as n from history`
    expect(await seedPlotHistories(sql, readPlotHistories(demoDataDir))).toEqual([])
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from history`
    expect(after?.n).toBe(total?.n)

    // A full re-seed re-imports the plot (the importer records that as today's change) but
    // leaves the story as it was.
    const since = Date.parse(readPlotHistories(demoDataDir)[0]?.current_since ?? '')
    const inStory = (row: { changed_at: Date }) => row.changed_at.getTime() <= since
    const story = (await historyRows()).filter(inStory)
    expect(story).toHaveLength(3)
    const report = await seedDemoData(sql)
    expect(report.plotHistories).toEqual([])
    const again = (await historyRows()).filter(inStory)
    expect(again).toEqual(story)
  })
})
