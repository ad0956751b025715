import type { LayerId } from './layers.ts'

// What a vector tile carries of each layer besides the geometry and the feature id: only what the
// map styles (frontend/src/map/map-style.ts), labels (`name`) and filters by (map-filters.ts: a
// vocabulary and the layer's temporal columns). The feature panel reads the rest from the
// features API, so descriptions and addresses stay out of every tile. Measured on the 100,000
// generated plots: the z14 plots tile fell from 64,020 B to 48,362 B (bench/RESULTS.md).

/** The properties in each layer's tiles, in tile order; a subset of its public properties. */
export const tileProperties = {
  'programme-areas': ['name', 'programme', 'period_start', 'period_end'],
  districts: ['name'],
  // Outlines only: the map draws them grey and unlabelled; the panel reads the address.
  buildings: [],
  stations: ['name'],
  plots: ['name', 'status'],
  'interim-uses': ['name', 'use', 'term_start', 'term_end'],
  quarters: ['name'],
  measures: ['name', 'field_of_action'],
  links: ['name', 'mode', 'status'],
  places: ['name', 'kind', 'starts_on', 'ends_on'],
} as const satisfies Record<LayerId, readonly string[]>

// Polygons are cut into one piece per tile, and MapLibre places a point label on every piece: a
// district across four tiles showed its name four times (programme areas, labelled along their
// outline, as often as it fitted). So the combined tiles carry, for each labelled layer, one
// label point per feature (ST_PointOnSurface of the whole geometry) in its own MVT layer, and
// only in the tile that contains the point; the map writes names there.

/**
 * The polygon layers whose names the map writes once per feature, at its label point, and the
 * zoom from which it does (frontend/src/map/map-style.ts): tiles below it carry no label points of
 * the layer. Over 100,000 generated plots, plot label points in the z14 tile, which the map
 * never draws there, made it 78,152 B instead of 50,137 B.
 */
export const labelsFrom = {
  'programme-areas': 10,
  districts: 12,
  quarters: 12,
  plots: 15,
} as const satisfies Partial<Record<LayerId, number>>

/** Whether layer `id`'s tiles carry label points at zoom `z`. */
export function labelledAt(id: string, z: number): boolean {
  const from = (labelsFrom as Record<string, number | undefined>)[id]
  return from !== undefined && z >= from
}

/** The MVT layer holding the label points of layer `id` (with the layer's tile properties). */
export function labelLayerName(id: string): string {
  return `${id}-labels`
}
