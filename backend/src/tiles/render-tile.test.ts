import { describe, expect, it } from 'vitest'
import { findLayer, type Layer, layers } from '../contract/layers.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { renderTile } from './render-tile.ts'
import { tileAt } from './tile-coordinates.ts'
import { type DecodedFeature, decodeTile, idsInTile, josephstrasse, signedArea } from './tile-testing.ts'

const db = useTestDatabase()
const plots = findLayer('plots') as Layer

function bbox(feature: DecodedFeature): number[] {
  const points = feature.rings.flat()
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

describe('renderTile', () => {
  it('puts every plot of the Josephstraße tile into the plots layer with its API id and public properties only', async () => {
    const decoded = decodeTile(await renderTile(db(), [plots], josephstrasse))
    expect([...decoded.keys()]).toEqual(['plots'])
    const features = decoded.get('plots') ?? []
    const expected = await idsInTile(db().sql, 'plots', josephstrasse)
    expect(expected.length).toBeGreaterThanOrEqual(2)
    expect(features.map((f) => f.id).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(expected)
    const [garden] = await db().sql<{ id: number }[]>`
      select id from plots where name = 'Nachbarschaftsgärten Josephstraße'`
    const feature = features.find((f) => f.id === garden?.id)
    expect(feature?.properties).toMatchObject({
      name: 'Nachbarschaftsgärten Josephstraße',
      status: 'interim_use',
      municipality: '14713000',
    })
    expect(typeof feature?.properties.area_m2).toBe('number')
    for (const f of features) {
      expect(Object.keys(f.properties).every((key) => plots.publicProperties.includes(key))).toBe(true)
      expect(f.properties).not.toHaveProperty('internal_notes')
      expect(f.properties).not.toHaveProperty('owner_party_id')
      expect(f.type).toBe(3)
      expect(signedArea(f.rings[0] ?? [])).toBeGreaterThan(0)
    }
  })

  it('gives each public layer its own MVT layer named by collection id in the combined tile', async () => {
    const decoded = decodeTile(await renderTile(db(), layers, josephstrasse))
    expect(decoded.get('plots')?.length).toBe((await idsInTile(db().sql, 'plots', josephstrasse)).length)
    expect(decoded.get('interim-uses')?.length).toBeGreaterThan(0)
    for (const name of decoded.keys()) expect(layers.map((layer) => layer.id)).toContain(name)
    const uses = decoded.get('interim-uses') ?? []
    expect(Object.keys(uses[0]?.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'use', 'status', 'term_start']),
    )
    expect(uses[0]?.properties.term_start).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('is empty where there is nothing and below a layer’s minimum zoom', async () => {
    expect((await renderTile(db(), layers, tileAt(-30, 40, 14))).byteLength).toBe(0)
    expect((await renderTile(db(), [plots], tileAt(12.3345, 51.3345, 5))).byteLength).toBe(0)
  })

  it('leaves out plots smaller than a pixel at low zoom and shows them up close', async () => {
    const [tiny] = await db().sql<{ id: number }[]>`
      insert into plots (name, geom)
      values ('Kleinstfläche Josephstraße', st_multi(st_buffer(st_setsrid(st_point(12.3350, 51.3350), 4326), 0.00002)))
      returning id`
    const ids = async (z: number) =>
      (decodeTile(await renderTile(db(), [plots], tileAt(12.335, 51.335, z))).get('plots') ?? []).map(
        (f) => f.id,
      )
    expect(await ids(12)).not.toContain(tiny?.id)
    expect(await ids(17)).toContain(tiny?.id)
    await db().sql`delete from plots where id = ${tiny?.id ?? 0}`
  })

  it('decodes to the same features from ST_AsMVT and from the JS encoder (PostgreSQL)', async (context) => {
    if (!db().capabilities.mvt) return context.skip()
    for (const tile of [josephstrasse, tileAt(12.3345, 51.3345, 11), tileAt(12.255, 51.31, 15)]) {
      const postgis = decodeTile(await renderTile(db(), layers, tile, 'postgis'))
      const js = decodeTile(await renderTile(db(), layers, tile, 'js'))
      expect([...js.keys()].sort()).toEqual([...postgis.keys()].sort())
      for (const [name, expected] of postgis) {
        const actual = new Map((js.get(name) ?? []).map((f) => [f.id, f]))
        expect([...actual.keys()].sort()).toEqual(expected.map((f) => f.id).sort())
        for (const feature of expected) {
          const other = actual.get(feature.id) as DecodedFeature
          expect(other.properties).toEqual(feature.properties)
          expect(other.type).toBe(feature.type)
          const [a, b] = [bbox(feature), bbox(other)]
          for (let i = 0; i < 4; i++) expect(Math.abs((a[i] ?? 0) - (b[i] ?? 0))).toBeLessThanOrEqual(1)
        }
      }
    }
  })
})
