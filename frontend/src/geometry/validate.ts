import { booleanPointInPolygon, kinks, polygon as turfPolygon } from '@turf/turf'
import type { Geometry, Position } from 'geojson'
import {
  checkGeometry,
  GeometryReason,
  type GeometryReasonCode,
} from '../../../backend/src/contract/geometry-rules.ts'
import type { GeometryType } from '../../../backend/src/contract/layers.ts'

// Validation while drawing: the server's structural rules (the same module, so the reason codes
// are the same) plus the validity checks PostGIS makes on save that a browser can make too:
// self-intersections and holes outside their shell. Shaped like a Terra Draw validator result.

/** Reason codes: the server's, plus the two validity failures found in the browser. */
export const DrawingReason = {
  ...GeometryReason,
  SelfIntersection: 'self-intersection',
  HoleOutsideShell: 'hole-outside-shell',
} as const
export type DrawingReasonCode =
  | GeometryReasonCode
  | (typeof DrawingReason)['SelfIntersection' | 'HoleOutsideShell']

export type Validation =
  | { valid: true; reason?: undefined; location?: undefined; message?: undefined }
  | { valid: false; reason: DrawingReasonCode; message: string; location?: Position }

const ok: Validation = { valid: true }

/** Checks a drawn lon/lat geometry for a layer of type `expected`; the first failure wins. */
export function validateGeometry(geometry: Geometry, expected: GeometryType): Validation {
  const failure = checkGeometry(geometry, expected)
  if (failure) {
    const location = failure.location ?? firstPosition(geometry)
    return {
      valid: false,
      reason: failure.reason,
      message: failure.message,
      ...(location ? { location } : {}),
    }
  }
  const polygons = polygonsOf(geometry)
  for (const [p, rings] of polygons.entries()) {
    const shell = turfPolygon([rings[0] as Position[]])
    for (const [h, hole] of rings.slice(1).entries()) {
      const outside = hole.find(
        (position) => !booleanPointInPolygon(position, shell, { ignoreBoundary: false }),
      )
      if (outside) {
        const where = polygons.length > 1 ? `part ${p + 1}, ` : ''
        return {
          valid: false,
          reason: DrawingReason.HoleOutsideShell,
          message: `${where}hole ${h + 1} lies outside its outer ring`,
          location: outside,
        }
      }
    }
  }
  if (polygons.length > 0) {
    const crossings = kinks({ type: 'MultiPolygon', coordinates: polygons })
    const first = crossings.features[0]
    if (first) {
      return {
        valid: false,
        reason: DrawingReason.SelfIntersection,
        message: 'edges cross each other (self-intersection)',
        location: first.geometry.coordinates,
      }
    }
  }
  return ok
}

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates]
  if (geometry.type === 'MultiPolygon') return geometry.coordinates
  return []
}

function firstPosition(geometry: Geometry): Position | undefined {
  let value: unknown = geometry.type === 'GeometryCollection' ? undefined : geometry.coordinates
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0]
  return Array.isArray(value) && typeof value[0] === 'number' ? (value as Position) : undefined
}
