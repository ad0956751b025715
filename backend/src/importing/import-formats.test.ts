import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findLayerByTable, type Layer } from '../contract/layers.ts'
import { officialDistrictsFile } from '../test/official-districts.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { ImportError, type ImportOptions, importFeatures } from './import-features.ts'
import { type OpenOptions, openSource } from './sources/read-source.ts'

// Every format through the one pipeline the CLI and the API use, with files written by GDAL
// (ogr2ogr) from the official districts and two small plots with umlauts (fixtures/).

const db = useTestDatabase()
const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)))
const layer = (table: string): Layer => {
  const found = findLayerByTable(table)
  if (!found) throw new Error(`no layer ${table}`)
  return found
}

async function importFile(name: string, table: string, options: ImportOptions = {}, open: OpenOptions = {}) {
  return importFeatures(db().sql, layer(table), await openSource(fixture(name), name, open), options)
}

async function checksum(table: string) {
  const [row] = await db()
    .sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '' order by id), '')) as sum from ${db().sql(table)} t`
  return row
}

/** The largest relative difference between stored district areas and the source's, in the official CRS. */
async function worstAreaDifference(): Promise<number> {
  const source = JSON.parse(readFileSync(officialDistrictsFile, 'utf8')) as {
    features: { properties: { OT: string }; geometry: unknown }[]
  }
  let worst = 0
  for (const feature of source.features) {
    const [row] = await db().sql<{ stored: number; expected: number }[]>`
      select d.area_m2::float8 as stored,
             st_area(st_transform(st_setsrid(st_geomfromgeojson(${JSON.stringify(feature.geometry)}), 4326), 25833)) as expected
        from districts d where d.key = ${feature.properties.OT}`
    if (!row) throw new Error(`district ${feature.properties.OT} missing`)
    worst = Math.max(worst, Math.abs(row.stored - row.expected) / row.expected)
  }
  return worst
}

describe('importing the formats German offices send', () => {
  it('imports the 63 districts from a GeoPackage in EPSG:25833 and again from a Shapefile in EPSG:31468, areas within 0.01 %', async () => {
    const gpkg = await importFile('ortsteile-25833.gpkg', 'districts', {
      rename: { OT: 'key', Name: 'name' },
    })
    // The 63 official districts are there from the first start (the reference map): the import
    // updates each by its official key.
    expect(gpkg).toMatchObject({ features: 63, inserted: 0, updated: 63, refused: [], srid: 25833 })
    expect(await worstAreaDifference()).toBeLessThan(1e-4)
    const shp = await importFile('ortsteile-31468.zip', 'districts', { rename: { OT: 'key', Name: 'name' } })
    expect(shp).toMatchObject({ features: 63, inserted: 0, updated: 63, refused: [], srid: 31468 })
    expect(await worstAreaDifference()).toBeLessThan(1e-4)
    const [lindenau] = await db().sql`select name from districts where key = '70'`
    expect(lindenau?.name).toBe('Lindenau')
  }, 240_000)

  it('keeps the umlauts of a CP1252 and of a CP850 Shapefile, and tags each plot with its district', async () => {
    for (const file of ['brachen-cp1252.zip', 'brachen-cp850.zip']) {
      const report = await importFile(file, 'plots', {
        rename: { Name: 'name', Adresse: 'address', Status: 'status' },
      })
      expect(report).toMatchObject({ inserted: 2, refused: [], srid: 25833 })
    }
    const rows = await db().sql<{ name: string; address: string; district_key: string | null }[]>`
      select name, address, district_key from plots where name like 'Gärtnerei%' order by id`
    expect(rows.map((r) => r.name)).toEqual([
      'Gärtnerei an der Lößniger Straße',
      'Gärtnerei an der Lößniger Straße',
    ])
    expect(rows[0]?.address).toBe('Lößniger Straße 12')
    expect(rows[0]?.district_key).not.toBeNull()
  }, 120_000)

  it('reads FlatGeobuf and a German CSV with Rechtswert/Hochwert in the chosen CRS', async () => {
    const fgb = await importFile('brachen-25833.fgb', 'plots', { rename: { Name: 'name' }, dryRun: true })
    expect(fgb).toMatchObject({ features: 2, inserted: 2, refused: [], srid: 25833 })
    const csv = await importFile('orte-25833.csv', 'places', {
      srid: 25833,
      rename: { Name: 'name', Adresse: 'address' },
    })
    expect(csv).toMatchObject({ features: 1, inserted: 1, refused: [] })
    const [place] = await db()
      .sql`select address, st_x(geom) as x, st_y(geom) as y from places where name = 'Garten Josephstraße'`
    expect(place?.address).toBe('Josephstraße 27')
    expect(place?.x).toBeGreaterThan(12.2)
    expect(place?.x).toBeLessThan(12.5)
  }, 120_000)

  it('refuses zone-prefixed eastings, a Shapefile without .prj and features outside the city, changing nothing', async () => {
    const before = await checksum('plots')
    await expect(importFile('brachen-5650.zip', 'plots')).rejects.toThrow(
      /zone prefix.*EPSG:25832 or EPSG:25833/,
    )
    await expect(importFile('brachen-ohne-prj.zip', 'plots')).rejects.toThrow(
      /has no \.prj; choose its coordinate system/,
    )
    await expect(importFile('brachen-ohne-prj.zip', 'plots', { srid: 31468 })).rejects.toThrow(
      /Gauss–Krüger zone 4 eastings begin with 4; eastings of 6 digits are UTM/,
    )
    await expect(importFile('brachen-cp1252.zip', 'plots', { srid: 5650 })).rejects.toThrow(ImportError)
    const outside = await importFile('brachen-ausserhalb.geojson', 'plots', { rename: { Name: 'name' } })
    expect(outside.inserted).toBe(0)
    expect(outside.refused.map((r) => r.reasons.join())).toEqual([
      'the geometry lies outside Leipzig',
      'the geometry lies outside Leipzig',
    ])
    expect(await checksum('plots')).toEqual(before)
  }, 120_000)

  it('imports the valid features when asked to, and reports the others', async () => {
    const report = await importFeatures(
      db().sql,
      layer('plots'),
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name: 'Valid' }, geometry: square(12.37, 51.33) },
          { type: 'Feature', properties: { name: 'Sold', status: 'sold' }, geometry: square(12.38, 51.33) },
        ],
      },
      { validOnly: true },
    )
    expect(report).toMatchObject({ inserted: 1, partial: true })
    expect(report.refused[0]?.reasons.join()).toMatch(/status/)
  }, 60_000)
})

function square(x: number, y: number) {
  const s = 0.001
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  }
}
