import { buffer, lineString, multiLineString } from '@turf/turf'
import type { LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson'

// Buffering a link into a corridor (a planned green route as an area): `metres` on each side,
// round ends, as planners sketch them.

export type BufferResult =
  | { ok: true; corridor: Polygon | MultiPolygon }
  | { ok: false; reason: 'distance-not-positive'; message: string }

/** The corridor within `metres` of a link (the corridor is twice that wide). */
export function bufferLine(link: LineString | MultiLineString, metres: number): BufferResult {
  if (!(metres > 0) || !Number.isFinite(metres)) {
    return {
      ok: false,
      reason: 'distance-not-positive',
      message: 'the distance must be a positive number of metres',
    }
  }
  const feature =
    link.type === 'LineString' ? lineString(link.coordinates) : multiLineString(link.coordinates)
  const corridor = buffer(feature, metres, { units: 'meters', steps: 16 })
  if (!corridor) return { ok: false, reason: 'distance-not-positive', message: 'the line has no length' }
  return { ok: true, corridor: corridor.geometry }
}
