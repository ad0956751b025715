import {
  area,
  featureCollection,
  flatten,
  intersect,
  lineString,
  polygonize,
  polygon as turfPolygon,
} from '@turf/turf'
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson'

// Splitting a plot along a drawn line: the outer ring and the line are noded at their crossings
// (each crossing computed once and inserted into both, so the graph closes exactly), the faces of
// that planar graph are found, and each face is intersected with the original polygon, which
// keeps holes and drops faces outside it. The parts therefore add up to the original.

export type SplitResult =
  | { ok: true; parts: Polygon[] }
  | { ok: false; reason: 'line-does-not-cross'; message: string }

type Segment = [Position, Position]

/** Splits every part of `target` that `line` crosses; a line that splits nothing is refused. */
export function splitPolygon(target: Polygon | MultiPolygon, line: LineString): SplitResult {
  const polygons = target.type === 'Polygon' ? [target.coordinates] : target.coordinates
  const parts: Polygon[] = []
  let split = false
  for (const rings of polygons) {
    const pieces = splitOne(rings, line.coordinates)
    if (pieces.length > 1) split = true
    parts.push(...(pieces.length > 0 ? pieces : [{ type: 'Polygon' as const, coordinates: rings }]))
  }
  if (!split) {
    return {
      ok: false,
      reason: 'line-does-not-cross',
      message: 'the line must cross the polygon from one side to the other',
    }
  }
  return { ok: true, parts }
}

function splitOne(rings: Position[][], cut: Position[]): Polygon[] {
  const shell = rings[0] as Position[]
  const ringSegments = segmentsOf(shell)
  const cutSegments = segmentsOf(cut)
  const onRing = ringSegments.map(() => [] as Array<{ t: number; p: Position }>)
  const onCut = cutSegments.map(() => [] as Array<{ t: number; p: Position }>)
  for (const [i, a] of ringSegments.entries()) {
    for (const [j, b] of cutSegments.entries()) {
      const hit = crossing(a, b)
      if (!hit) continue
      onRing[i]?.push({ t: hit.t, p: hit.p })
      onCut[j]?.push({ t: hit.u, p: hit.p })
    }
  }
  const edges = [...noded(ringSegments, onRing), ...noded(cutSegments, onCut)]
  const faces = polygonize(featureCollection(edges.map((edge) => lineString(edge))))
  const original = turfPolygon(rings)
  const pieces: Polygon[] = []
  for (const face of faces.features) {
    const piece = intersect(featureCollection([face, original]))
    if (!piece) continue
    for (const part of flatten(piece).features) if (area(part) > 0) pieces.push(part.geometry)
  }
  return pieces
}

function segmentsOf(line: Position[]): Segment[] {
  const segments: Segment[] = []
  for (let i = 0; i + 1 < line.length; i++) segments.push([line[i] as Position, line[i + 1] as Position])
  return segments
}

/** Each segment broken at the crossings on it, as two-point edges without zero-length ones. */
function noded(segments: Segment[], cuts: Array<Array<{ t: number; p: Position }>>): Segment[] {
  const edges: Segment[] = []
  for (const [i, [start, end]] of segments.entries()) {
    const points = [start, ...(cuts[i] ?? []).sort((a, b) => a.t - b.t).map((c) => c.p), end]
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k] as Position
      const b = points[k + 1] as Position
      if (a[0] !== b[0] || a[1] !== b[1]) edges.push([a, b])
    }
  }
  return edges
}

/** Where segments a and b meet (parameters along each, endpoints included); parallel: none. */
function crossing([a1, a2]: Segment, [b1, b2]: Segment): { t: number; u: number; p: Position } | undefined {
  const [x1, y1] = a1 as [number, number]
  const [x2, y2] = a2 as [number, number]
  const [x3, y3] = b1 as [number, number]
  const [x4, y4] = b2 as [number, number]
  const denominator = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
  if (denominator === 0) return undefined
  const t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / denominator
  const u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / denominator
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined
  // An end of either segment is used as it is, so that shared vertices stay identical.
  const p: Position =
    t === 0 ? a1 : t === 1 ? a2 : u === 0 ? b1 : u === 1 ? b2 : [x1 + t * (x2 - x1), y1 + t * (y2 - y1)]
  return { t, u, p }
}
