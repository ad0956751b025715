import { featureCollection, multiPolygon, union } from '@turf/turf'
import type { MultiPolygon, Polygon } from 'geojson'

// Merging adjacent plots into one: their union must be one polygon, so plots that only touch
// at a corner or lie apart are refused rather than silently becoming a multipolygon.

export type MergeResult =
  | { ok: true; merged: Polygon }
  | { ok: false; reason: 'too-few-polygons' | 'not-adjacent'; message: string }

/** Merges two or more polygons that share an edge or overlap into one polygon. */
export function mergePolygons(polygons: ReadonlyArray<Polygon | MultiPolygon>): MergeResult {
  if (polygons.length < 2) {
    return { ok: false, reason: 'too-few-polygons', message: 'select at least two polygons to merge' }
  }
  const features = polygons.map((p) =>
    p.type === 'Polygon' ? multiPolygon([p.coordinates]) : multiPolygon(p.coordinates),
  )
  const merged = union(featureCollection<Polygon | MultiPolygon>(features))
  if (merged?.geometry.type === 'Polygon') return { ok: true, merged: merged.geometry }
  if (merged?.geometry.type === 'MultiPolygon' && merged.geometry.coordinates.length === 1) {
    return { ok: true, merged: { type: 'Polygon', coordinates: merged.geometry.coordinates[0] ?? [] } }
  }
  return {
    ok: false,
    reason: 'not-adjacent',
    message: 'the polygons do not share an edge; only adjacent polygons can be merged',
  }
}
