import { describe, expect, it } from 'vitest'
import { findLayerByTable } from '../contract/layers.ts'
import { readOfficialDistricts } from '../test/official-districts.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { importFeatures } from './import-features.ts'

const db = useTestDatabase()
const districts = findLayerByTable('districts')
const plots = findLayerByTable('plots')
const ortsteile = readOfficialDistricts()

const square = (x: number, y: number, size = 0.001) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
})
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
})

async function checksum(table: string) {
  const { sql } = db()
  const [row] =
    await sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '' order by id), '')) as sum from ${sql(table)} t`
  return row
}

describe('importing GeoJSON', () => {
  it('imports the 63 official Leipzig districts, and re-importing updates instead of duplicating', async () => {
    if (!districts) throw new Error('no districts layer')
    // Every database gets the districts at its first start (the reference map); start empty here.
    await db().sql`delete from districts`
    const first = await importFeatures(db().sql, districts, ortsteile, { rename: { OT: 'key' } })
    expect(first).toMatchObject({ features: 63, inserted: 63, updated: 0, refused: [] })
    const again = await importFeatures(db().sql, districts, ortsteile, { rename: { OT: 'key' } })
    expect(again).toMatchObject({ inserted: 0, updated: 63 })
    const [lindenau] = await db().sql`select name, area_m2 from districts where key = '70'`
    expect(lindenau?.name).toBe('Lindenau')
    expect(lindenau?.area_m2).toBeGreaterThan(900_000)
    expect(lindenau?.area_m2).toBeLessThan(1_100_000)
  })

  it('refuses the whole file, feature by feature with reasons, when any feature is bad', async () => {
    if (!plots) throw new Error('no plots layer')
    const before = await checksum('plots')
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [12.33, 51.33],
          [12.331, 51.331],
          [12.331, 51.33],
          [12.33, 51.331],
          [12.33, 51.33],
        ],
      ],
    }
    const report = await importFeatures(db().sql, plots, {
      type: 'FeatureCollection',
      features: [
        feature({ name: 'Good plot', status: 'fallow' }, square(12.34, 51.33)),
        feature({ name: 'Bow tie' }, bowTie),
        feature({ name: 'Wrong status', status: 'sold' }, square(12.35, 51.33)),
        feature({ name: 'A point' }, { type: 'Point', coordinates: [12.3, 51.3] }),
        feature({ status: 'fallow' }, square(12.36, 51.33)),
      ],
    })
    expect(report.inserted).toBe(0)
    expect(report.refused.map((r) => r.feature)).toEqual([2, 3, 4, 5])
    expect(report.refused[0]?.reasons.join()).toMatch(/self-intersection/i)
    expect(report.refused[1]?.reasons.join()).toMatch(/status/)
    expect(report.refused[2]?.reasons.join()).toMatch(/Point is not allowed/)
    expect(report.refused[3]?.reasons.join()).toMatch(/name/)
    expect(await checksum('plots')).toEqual(before)
  })

  it('resolves references given as external ids and reports unknown ones', async () => {
    const measures = findLayerByTable('measures')
    if (!measures) throw new Error('no measures layer')
    const [quarter] = await db().sql<
      { id: number; external_id: string }[]
    >`select id, external_id from quarters limit 1`
    const ok = await importFeatures(db().sql, measures, {
      type: 'FeatureCollection',
      features: [
        feature(
          { name: 'Bench', quarter_id: quarter?.external_id, external_id: 'test:bench' },
          { type: 'Point', coordinates: [12.28, 51.31] },
        ),
      ],
    })
    expect(ok.inserted).toBe(1)
    const [row] = await db().sql`select quarter_id from measures where external_id = 'test:bench'`
    expect(row?.quarter_id).toBe(quarter?.id)
    const unknown = await importFeatures(db().sql, measures, {
      type: 'FeatureCollection',
      features: [
        feature({ name: 'Bench 2', quarter_id: 'nowhere' }, { type: 'Point', coordinates: [12.28, 51.31] }),
      ],
    })
    expect(unknown.refused[0]?.reasons.join()).toMatch(/no quarters row with external_id nowhere/)
  })
})
