import type { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { type Tile, tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile } from '../tiles/tile-testing.ts'

/** The tile at zoom `z` over lon/lat. */
export function tileOver(lon: number, lat: number, z: number): Tile {
  return tileAt(lon, lat, z)
}

/** The ids in the interim-uses layer of the all-layer tile; undefined while tiles are not served. */
export async function interimUseIdsInTile(
  app: Hono<AppEnv>,
  { z, x, y }: Tile,
): Promise<number[] | undefined> {
  const response = await app.request(`/api/tiles/WebMercatorQuad/${z}/${y}/${x}`)
  if (response.status === 404 && (await response.clone().text()).includes('no resource')) return undefined
  if (response.status === 204) return []
  const layers = decodeTile(new Uint8Array(await response.arrayBuffer()))
  return (layers.get('interim-uses') ?? []).map((feature) => Number(feature.id))
}
