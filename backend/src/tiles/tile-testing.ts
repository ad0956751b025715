import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile'
import Pbf from 'pbf'
import type { Queries } from '../db/sql-client.ts'
import { margin, type Tile, tileAt } from './tile-coordinates.ts'

// Helpers for tile tests: decoding, and the tile over the Josephstraße gardens.

/** The z14 tile over the Nachbarschaftsgärten Josephstraße (Leipzig-Lindenau). */
export const josephstrasse: Tile = tileAt(12.3345, 51.3345, 14)

export type DecodedFeature = {
  id: number | undefined
  type: number
  properties: Record<string, unknown>
  rings: { x: number; y: number }[][]
}

/** Every MVT layer of a tile with its features, as a client decodes them. */
export function decodeTile(bytes: Uint8Array | ArrayBuffer): Map<string, DecodedFeature[]> {
  const tile = new VectorTile(new Pbf(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes))
  const layers = new Map<string, DecodedFeature[]>()
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = []
    for (let i = 0; i < layer.length; i++) {
      const feature: VectorTileFeature = layer.feature(i)
      features.push({
        id: feature.id,
        type: feature.type,
        properties: feature.properties,
        rings: feature.loadGeometry().map((ring) => ring.map(({ x, y }) => ({ x, y }))),
      })
    }
    layers.set(name, features)
  }
  return layers
}

/** Ids of the rows of `table` whose geometry meets the buffered tile: what a tile must show. */
export async function idsInTile(sql: Queries, table: string, { z, x, y }: Tile): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select id from ${sql(table)}
     where st_intersects(geom, st_transform(st_tileenvelope(${z}::int, ${x}::int, ${y}::int,
                                                            margin => ${margin}::float8), 4326))
     order by id`
  return rows.map((row) => row.id)
}

/** The surveyor's-formula area of a ring in tile units (positive: an exterior ring in MVT 2.1). */
export function signedArea(ring: readonly { x: number; y: number }[]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as { x: number; y: number }
    const b = ring[i] as { x: number; y: number }
    sum += a.x * b.y - b.x * a.y
  }
  return sum / 2
}
