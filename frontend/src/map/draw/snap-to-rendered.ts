import type { Position } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { layerStyles } from '../map-style.ts'

// Snapping to what the planner sees: vertices first, then edges of the features the map draws
// from the tiles (plots, areas, quarters, links, districts) within a tolerance in screen pixels.
// Tiles carry coordinates rounded to their grid (centimetres), so a vertex snaps to the feature's
// stored coordinates, fetched once per feature when the pointer first comes near it: snapped
// corners of neighbouring plots are the same point, with no sliver between them.

const exact = new Map<string, Position[][]>()
const asked = new Set<string>()

/** The stored vertices of a rendered feature when fetched; asks for them the first time. */
function exactLinesOf(feature: GeoJSON.Feature & { sourceLayer?: string }): Position[][] | undefined {
  if (feature.id === undefined || !feature.sourceLayer) return undefined
  const key = `${feature.sourceLayer}/${feature.id}`
  const known = exact.get(key)
  if (known || asked.has(key)) return known
  asked.add(key)
  void fetch(`/api/collections/${encodeURIComponent(feature.sourceLayer)}/items/${feature.id}`, {
    headers: { Accept: 'application/geo+json' },
  })
    .then((response) => (response.ok ? (response.json() as Promise<GeoJSON.Feature>) : undefined))
    .then((stored) => {
      if (stored?.geometry) exact.set(key, linesOf(stored.geometry))
    })
    .catch(() => asked.delete(key))
  return undefined
}

/** Forgets the fetched vertices (after a write they may have moved). */
export function forgetExactGeometries(): void {
  exact.clear()
  asked.clear()
}

const snappable = layerStyles.flatMap((style) => style.layers.map((layer) => layer.id))

type Point = { x: number; y: number }

/** The vertex or edge point nearest to `pixel` within `tolerance` pixels, as lon/lat; none if none. */
export function snapToRendered(map: MapLibreMap, pixel: Point, tolerance: number): Position | undefined {
  const box: [[number, number], [number, number]] = [
    [pixel.x - tolerance, pixel.y - tolerance],
    [pixel.x + tolerance, pixel.y + tolerance],
  ]
  const layers = snappable.filter((id) => map.getLayer(id))
  const features = map.queryRenderedFeatures(box, { layers })
  let vertex: { d: number; at: Position } | undefined
  let edge: { d: number; p: Point } | undefined
  for (const feature of features) {
    for (const line of linesOf(feature.geometry)) {
      const points = line.map(([lon, lat]) => map.project([lon as number, lat as number]))
      for (const [i, p] of points.entries()) {
        const d = Math.hypot(p.x - pixel.x, p.y - pixel.y)
        if (d <= tolerance && (!vertex || d < vertex.d)) {
          const lngLat = map.unproject([p.x, p.y])
          vertex = { d, at: [lngLat.lng, lngLat.lat] }
        }
        const next = points[i + 1]
        if (!next) continue
        const q = nearestOnSegment(pixel, p, next)
        const e = Math.hypot(q.x - pixel.x, q.y - pixel.y)
        if (e <= tolerance && (!edge || e < edge.d)) edge = { d: e, p: q }
      }
    }
    // The stored vertices, where known, win over the tile's rounded ones.
    for (const line of exactLinesOf(feature) ?? []) {
      for (const position of line) {
        const p = map.project([position[0] as number, position[1] as number])
        const d = Math.hypot(p.x - pixel.x, p.y - pixel.y)
        if (d <= tolerance && (!vertex || d <= vertex.d + 1)) vertex = { d, at: position }
      }
    }
  }
  if (vertex) return vertex.at
  if (!edge) return undefined
  const lngLat = map.unproject([edge.p.x, edge.p.y])
  return [lngLat.lng, lngLat.lat]
}

function linesOf(geometry: GeoJSON.Geometry): Position[][] {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates
    case 'MultiPolygon':
      return geometry.coordinates.flat()
    case 'LineString':
      return [geometry.coordinates]
    case 'Point':
      return [[geometry.coordinates]]
    default:
      return []
  }
}

function nearestOnSegment(p: Point, a: Point, b: Point): Point {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length = dx * dx + dy * dy
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
  return { x: a.x + t * dx, y: a.y + t * dy }
}
