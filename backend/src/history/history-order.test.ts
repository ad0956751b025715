import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { rectangle } from './history.testing.ts'

// History written after the fact (an imported past, like the demo's older garden outlines) has
// higher ids than rows of the same feature recorded earlier: time decides, not the id.

const db = useTestDatabase()

/** A plot recorded today, then given a past outline recorded later but dated 2015. */
async function plotWithImportedPast() {
  const { sql } = db()
  const today = rectangle(12.3331, 51.3362, 0.0003, 0.0002)
  const past = rectangle(12.3331, 51.3362, 0.0012, 0.0006)
  const [plot] = await sql<{ id: number }[]>`
    insert into plots (name, geom)
    values ('Hof Josephstraße (Test)', st_multi(st_setsrid(st_geomfromgeojson(${JSON.stringify(today)}), 4326)))
    returning id::int`
  if (!plot) throw new Error('no plot')
  await sql`
    insert into history (table_name, row_id, operation, version, changed_at, after)
    select 'plots', id, 'insert', 0, '2015-05-01T10:00:00+02',
           to_jsonb(p) || jsonb_build_object('version', 0, 'name', 'Hof Josephstraße, früher (Test)',
             'geom', st_asgeojson(st_multi(st_setsrid(st_geomfromgeojson(${JSON.stringify(past)}), 4326)))::jsonb)
      from plots p where id = ${plot.id}`
  return plot.id
}

describe('history recorded out of order', () => {
  it('is listed and shown as of a date by when it happened', async () => {
    const id = await plotWithImportedPast()
    const app = createApp(db())
    const asOf = async (date: string) => {
      const body = (await (await app.request(`/api/asof/plots?date=${date}`)).json()) as {
        features: { id: number; version: number; properties: { name: string } }[]
      }
      return body.features.find((f) => f.id === id)
    }
    expect(await asOf('2016-01-01')).toMatchObject({
      version: 0,
      properties: { name: 'Hof Josephstraße, früher (Test)' },
    })
    expect(await asOf(new Date().toISOString().slice(0, 10))).toMatchObject({
      version: 1,
      properties: { name: 'Hof Josephstraße (Test)' },
    })

    const history = (await (await app.request(`/api/collections/plots/items/${id}/history`)).json()) as {
      versions: { version: number; changedAt: string }[]
    }
    expect(history.versions.map((v) => v.version)).toEqual([0, 1])
  })
})
