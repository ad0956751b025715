import type { BBox } from '../map/map-view.ts'

/** The bounding box of a GeoJSON geometry's coordinates, or null for an empty one. */
export function featureBBox(geometry: { coordinates?: unknown; geometries?: unknown } | null): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      box[0] = Math.min(box[0], value[0])
      box[1] = Math.min(box[1], value[1])
      box[2] = Math.max(box[2], value[0])
      box[3] = Math.max(box[3], value[1])
      return
    }
    for (const item of value) visit(item)
  }
  visit(geometry?.coordinates)
  return Number.isFinite(box[0]) ? box : null
}
