import { booleanContains, difference, featureCollection, polygon as turfPolygon } from '@turf/turf'
import type { Polygon } from 'geojson'

// Cutting a hole (a building, a pond left out of a plot): the hole must lie wholly inside the
// polygon; one that crosses the edge would make a notch, which is a different edit.

export type CutHoleResult =
  | { ok: true; polygon: Polygon }
  | { ok: false; reason: 'hole-outside-shell'; message: string }

/** Cuts `hole` (a polygon's outer ring) out of `target`, returning a new polygon with one more ring. */
export function cutHole(target: Polygon, hole: Polygon): CutHoleResult {
  const shell = turfPolygon(target.coordinates)
  const cut = turfPolygon([hole.coordinates[0] ?? []])
  if (!booleanContains(shell, cut)) {
    return {
      ok: false,
      reason: 'hole-outside-shell',
      message: 'the hole must lie wholly inside the polygon',
    }
  }
  const result = difference(featureCollection([shell, cut]))
  if (result?.geometry.type !== 'Polygon') {
    return { ok: false, reason: 'hole-outside-shell', message: 'the hole must lie wholly inside the polygon' }
  }
  return { ok: true, polygon: result.geometry }
}
