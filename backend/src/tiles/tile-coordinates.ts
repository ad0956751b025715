import { Problem } from '../http/problem.ts'
import type { Bbox } from '../layers/layer-events.ts'

// WebMercatorQuad (OGC 17-083r4): tile (z, x, y) with y counted from the north, zoom 0 to 24.

export type Tile = { z: number; x: number; y: number }

/** Tile units per side (MVT extent) and the buffer around a tile that features are clipped to. */
export const extent = 4096
export const buffer = 64
/** The buffer as a fraction of the tile side: ST_TileEnvelope's margin. */
export const margin = buffer / extent
export const maxZoom = 24

/** Half the side of the WebMercatorQuad square, in metres of EPSG:3857. */
export const halfWorld = 20037508.342789244

/**
 * The tile named by URL segments, or a 400 problem naming what is wrong with them. The column may
 * end in .mvt or .pbf for clients that tell a format by its extension (GDAL's MVT driver does).
 */
export function parseTile(z: string, y: string, x: string): Tile {
  const zoom = integerIn('z (tileMatrix)', z, maxZoom)
  const size = 2 ** zoom - 1
  const column = x.replace(/\.(mvt|pbf)$/, '')
  return { z: zoom, y: integerIn('y (tileRow)', y, size), x: integerIn('x (tileCol)', column, size) }
}

function integerIn(name: string, value: string, max: number): number {
  const number = /^\d{1,8}$/.test(value) ? Number(value) : Number.NaN
  if (!(number <= max)) {
    throw new Problem(
      400,
      'invalid-tile',
      'Invalid tile coordinates',
      `${name} must be an integer from 0 to ${max}, not "${value}"`,
    )
  }
  return number
}

/** Side of a tile in EPSG:3857 metres. */
export function tileWidth(z: number): number {
  return (2 * halfWorld) / 2 ** z
}

/** The affine map from EPSG:3857 into the tile's 0…4096 space (y down), as ST_Affine's a, e, xoff, yoff. */
export function tileAffine({ z, x, y }: Tile): { scale: number; xoff: number; yoff: number } {
  const width = tileWidth(z)
  const scale = extent / width
  const west = -halfWorld + x * width
  const north = halfWorld - y * width
  return { scale, xoff: -west * scale, yoff: north * scale }
}

/** The tile's extent in lon/lat, grown by the clipping buffer. */
export function bufferedBounds({ z, x, y }: Tile): Bbox {
  const n = 2 ** z
  const pad = margin
  const lon = (column: number) => (column / n) * 360 - 180
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI
  return [lon(x - pad), lat(y + 1 + pad), lon(x + 1 + pad), lat(y - pad)]
}

/** Whether two lon/lat boxes share any point. */
export function intersects(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/** The z/x/y of the tile containing a lon/lat point (for tests and the benchmark). */
export function tileAt(lon: number, lat: number, z: number): Tile {
  const n = 2 ** z
  const radians = (lat * Math.PI) / 180
  const x = Math.floor(((lon + 180) / 360) * n)
  const y = Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * n)
  return { z, x, y }
}
