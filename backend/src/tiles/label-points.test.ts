import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { findLayer, type Layer } from '../contract/layers.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { type Encoder, renderTile } from './render-tile.ts'
import { readTileColumns } from './tile-columns.queries.ts'
import { halfWorld, type Tile, tileAt, tileWidth } from './tile-coordinates.ts'
import { decodeTile } from './tile-testing.ts'

const db = useTestDatabase()
const quarters = findLayer('quarters') as Layer
const programmeAreas = findLayer('programme-areas') as Layer

type Label = { tile: Tile; x: number; y: number; properties: Record<string, unknown> }

/** Every tile at `z` that covers the lon/lat box, west to east and north to south. */
function tilesOver([west, south, east, north]: number[], z: number): Tile[] {
  const first = tileAt(west ?? 0, north ?? 0, z)
  const last = tileAt(east ?? 0, south ?? 0, z)
  const tiles: Tile[] = []
  for (let x = first.x; x <= last.x; x++) for (let y = first.y; y <= last.y; y++) tiles.push({ z, x, y })
  return tiles
}

/** The label points of feature `id` of `layer` in every tile over `box` at `z`, as the map's tiles carry them. */
async function labelsOf(
  layer: Layer,
  id: number,
  box: number[],
  z: number,
  encoder: Encoder,
): Promise<Label[]> {
  const columns = await readTileColumns(db().sql)
  const labels: Label[] = []
  for (const tile of tilesOver(box, z)) {
    const bytes = await renderTile(db(), columns, [layer], tile, { encoder, labels: true })
    for (const feature of decodeTile(bytes).get(`${layer.id}-labels`) ?? []) {
      const [point] = feature.rings.flat()
      if (feature.id === id && point) labels.push({ tile, ...point, properties: feature.properties })
    }
  }
  return labels
}

/** A tile-space point back in lon/lat (EPSG:3857 to WGS 84 by PostGIS). */
async function lonLat({ tile, x, y }: Label): Promise<[number, number]> {
  const width = tileWidth(tile.z)
  const mx = -halfWorld + (tile.x + x / 4096) * width
  const my = halfWorld - (tile.y + y / 4096) * width
  const [row] = await db().sql<{ lon: number; lat: number }[]>`
    select st_x(p) as lon, st_y(p) as lat
      from (select st_transform(st_setsrid(st_point(${mx}::float8, ${my}::float8), 3857), 4326) as p) as point`
  return [row?.lon ?? 0, row?.lat ?? 0]
}

async function insertQuarter(name: string, box: number[]): Promise<number> {
  const [west, south, east, north] = box
  const [row] = await db().sql<{ id: number }[]>`
    insert into quarters (name, code, geom)
    values (${name}, 'T1', st_multi(st_makeenvelope(${west ?? 0}::float8, ${south ?? 0}::float8,
                                                     ${east ?? 0}::float8, ${north ?? 0}::float8, 4326)))
    returning id`
  return Number(row?.id)
}

const encoders = (): Encoder[] => (db().capabilities.mvt ? ['postgis', 'js'] : ['js'])

describe('label points', () => {
  it('gives a programme area spanning several tiles exactly one label, inside it, at z11 and z14', async () => {
    // L-shaped, so that its centroid lies outside it (in the corner cut away): a label there
    // would float beside it. z11 is below the layer's fullFrom zoom (size rules), z14 above.
    const box = [12.45, 51.3, 12.51, 51.33]
    const [row] = await db().sql<{ id: number }[]>`
      insert into programme_areas (name, geom)
      values ('Testgebiet L', st_multi(st_difference(
                st_makeenvelope(12.45, 51.30, 12.51, 51.33, 4326),
                st_makeenvelope(12.465, 51.305, 12.51, 51.33, 4326))))
      returning id`
    const id = Number(row?.id)
    for (const z of [11, 14]) {
      expect(tilesOver(box, z).length, `z${z} tiles`).toBeGreaterThan(z === 14 ? 6 : 1)
      for (const encoder of encoders()) {
        const labels = await labelsOf(programmeAreas, id, box, z, encoder)
        expect(labels, `z${z} ${encoder}`).toHaveLength(1)
        const [label] = labels as [Label]
        expect(label.properties).toMatchObject({ name: 'Testgebiet L', programme: 'szp' })
        expect(label.x).toBeGreaterThanOrEqual(0)
        expect(label.x).toBeLessThan(4096)
        const [lon, lat] = await lonLat(label)
        const [inside] = await db().sql<{ inside: boolean }[]>`
          select st_contains(geom, st_setsrid(st_point(${lon}::float8, ${lat}::float8), 4326)) as inside
            from programme_areas where id = ${id}`
        expect(inside?.inside, `z${z} ${encoder} at ${lon}, ${lat}`).toBe(true)
      }
    }
  })

  it('puts a label point that falls on a tile edge into exactly one tile', async () => {
    // A rectangle centred on the edge between two z14 tiles: its point on surface is on the edge.
    const { x } = tileAt(12.3, 51.32, 14)
    const edge = ((x + 1) / 2 ** 14) * 360 - 180
    const box = [edge - 0.004, 51.318, edge + 0.004, 51.322]
    const id = await insertQuarter('Testquartier Kante', box)
    for (const encoder of encoders()) {
      const labels = await labelsOf(quarters, id, box, 14, encoder)
      expect(labels, encoder).toHaveLength(1)
      expect(labels[0]?.tile.x, encoder).toBe(x + 1)
      expect(labels[0]?.x, encoder).toBe(0)
    }
  })

  it('adds label layers to the map’s combined tiles from the zoom the map labels at, not to a collection’s', async () => {
    const app = createApp(db())
    const combinedAt = async (z: number) => {
      const { x, y } = tileAt(12.3345, 51.3345, z)
      return decodeTile(await (await app.request(`/api/tiles/WebMercatorQuad/${z}/${y}/${x}`)).arrayBuffer())
    }
    // The map names plots from z15 on: a z14 tile has their areas but no label points.
    const z14 = await combinedAt(14)
    expect(z14.has('plots')).toBe(true)
    expect(z14.has('plots-labels')).toBe(false)
    expect(z14.get('districts-labels')?.map((feature) => feature.properties.name)).toContain('Lindenau')
    const garden = (await combinedAt(15))
      .get('plots-labels')
      ?.find((feature) => feature.properties.name === 'Nachbarschaftsgärten Josephstraße')
    // The plot's tile properties, so that the map's filters hide its label with its area.
    expect(garden?.properties).toEqual({ name: 'Nachbarschaftsgärten Josephstraße', status: 'interim_use' })
    expect(garden?.type).toBe(1)
    const { x, y } = tileAt(12.3345, 51.3345, 15)
    const own = decodeTile(
      await (await app.request(`/api/collections/plots/tiles/WebMercatorQuad/15/${y}/${x}`)).arrayBuffer(),
    )
    expect([...own.keys()]).toEqual(['plots'])
    const tilejson = (await (await app.request('/api/tiles/WebMercatorQuad/tilejson.json')).json()) as {
      vector_layers: { id: string; minzoom: number; fields: Record<string, string> }[]
    }
    const labelLayers = tilejson.vector_layers.filter((layer) => layer.id.endsWith('-labels'))
    expect(labelLayers.map((layer) => [layer.id, layer.minzoom])).toEqual([
      ['programme-areas-labels', 10],
      ['districts-labels', 12],
      ['plots-labels', 15],
      ['quarters-labels', 12],
    ])
    expect(labelLayers.find((layer) => layer.id === 'plots-labels')?.fields).toEqual({
      name: 'String',
      status: 'String',
    })
  })
})
