import type { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { type Tile, tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile } from '../tiles/tile-testing.ts'

/** The tile at zoom `z` over lon/lat. */
export function tileOver(lon: number, lat: number, z: number): Tile {
  return tileAt(lon, lat, z)
}

/** The ids in the interim-uses layer of the all-layer tile (a tile with no features answers 204). */
export async function interimUseIdsInTile(app: Hono<AppEnv>, { z, x, y }: Tile): Promise<number[]> {
  const response = await app.request(`/api/tiles/WebMercatorQuad/${z}/${y}/${x}`)
  if (response.status === 204) return []
  if (response.status !== 200)
    throw new Error(`tile ${z}/${y}/${x}: ${response.status} ${await response.text()}`)
  const layers = decodeTile(new Uint8Array(await response.arrayBuffer()))
  return (layers.get('interim-uses') ?? []).map((feature) => Number(feature.id))
}
