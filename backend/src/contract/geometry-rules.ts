import type { GeometryType } from './layers.ts'

// Structural rules for GeoJSON geometry from clients and files, checked before the database
// sees it. Each failure has a stable reason code (for the UI to map to text) and a message that
// says where it fails. Validity proper (self-intersections, holes) is PostGIS's job: see
// geometry-validity.queries.ts.

export const GeometryReason = {
  NotGeoJson: 'not-geojson',
  WrongType: 'wrong-geometry-type',
  NotFinite: 'coordinate-not-finite',
  OutOfRange: 'coordinate-out-of-range',
  ThreeDimensional: 'coordinates-3d',
  RingNotClosed: 'ring-not-closed',
  RingTooShort: 'ring-too-few-positions',
  LineTooShort: 'line-too-few-positions',
  TooManyVertices: 'too-many-vertices',
  CrsMember: 'crs-member',
  Invalid: 'invalid-geometry',
} as const
export type GeometryReasonCode = (typeof GeometryReason)[keyof typeof GeometryReason]

export type GeometryFailure = {
  reason: GeometryReasonCode
  message: string
  /** Where it fails, [x, y] in the geometry's CRS, when PostGIS can tell. */
  location?: [number, number]
}

/** The most vertices one geometry may have. */
export const maxVertices = 50_000

/** What each layer geometry type accepts from a client (single parts are promoted to multi). */
const accepted: Record<GeometryType, readonly string[]> = {
  MultiPolygon: ['Polygon', 'MultiPolygon'],
  MultiLineString: ['LineString', 'MultiLineString'],
  Point: ['Point'],
  Geometry: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
}

type Position = number[]

/**
 * Checks a GeoJSON geometry (WGS 84 lon/lat) for a layer of `expected` type; returns the first
 * failure or undefined. 3D positions are refused: Quartiersatlas stores 2D geometry only, and
 * silently dropping heights would change a surveyor's data without telling them.
 */
export function checkGeometry(
  geometry: unknown,
  expected: GeometryType,
  options: { lonLat?: boolean } = {},
): GeometryFailure | undefined {
  const lonLat = options.lonLat ?? true
  if (!isObject(geometry) || typeof geometry.type !== 'string') {
    return fail(GeometryReason.NotGeoJson, 'geometry must be a GeoJSON geometry object with a "type"')
  }
  if ('crs' in geometry) {
    return fail(
      GeometryReason.CrsMember,
      'the GeoJSON "crs" member is not allowed (RFC 7946); send coordinates in the requested CRS',
    )
  }
  const allowed = accepted[expected]
  if (!allowed.includes(geometry.type)) {
    return fail(
      GeometryReason.WrongType,
      `geometry type ${geometry.type} is not allowed here; expected ${allowed.join(' or ')}`,
    )
  }
  const { coordinates } = geometry as { coordinates?: unknown }
  let vertices = 0
  const position = (value: unknown, where: string): GeometryFailure | undefined => {
    if (!Array.isArray(value) || value.length < 2)
      return fail(GeometryReason.NotGeoJson, `${where} is not a position [x, y]`)
    if (value.length > 2)
      return fail(
        GeometryReason.ThreeDimensional,
        `${where} has ${value.length} coordinates; only 2D positions [x, y] are stored`,
      )
    const [x, y] = value as unknown[]
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      return fail(GeometryReason.NotFinite, `${where} has a coordinate that is not a finite number`)
    }
    if (lonLat && (x < -180 || x > 180))
      return fail(GeometryReason.OutOfRange, `${where}: longitude ${x} is out of range [-180, 180]`)
    if (lonLat && (y < -90 || y > 90))
      return fail(GeometryReason.OutOfRange, `${where}: latitude ${y} is out of range [-90, 90]`)
    vertices += 1
    if (vertices > maxVertices)
      return fail(GeometryReason.TooManyVertices, `the geometry has more than ${maxVertices} vertices`)
    return undefined
  }
  const line = (value: unknown, where: string, minimum: number): GeometryFailure | undefined => {
    if (!Array.isArray(value)) return fail(GeometryReason.NotGeoJson, `${where} is not an array of positions`)
    for (const [i, p] of value.entries()) {
      const failure = position(p, `${where}, position ${i + 1}`)
      if (failure) return failure
    }
    const distinct = new Set(value.map((p: Position) => `${p[0]},${p[1]}`)).size
    if (minimum === 2 && distinct < 2)
      return fail(GeometryReason.LineTooShort, `${where} needs at least 2 distinct positions`)
    return undefined
  }
  const ring = (value: unknown, where: string): GeometryFailure | undefined => {
    const failure = line(value, where, 4)
    if (failure) return failure
    const positions = value as Position[]
    if (positions.length < 4)
      return fail(
        GeometryReason.RingTooShort,
        `${where} has ${positions.length} positions; a ring needs at least 4`,
      )
    const first = positions[0] as Position
    const last = positions[positions.length - 1] as Position
    if (first[0] !== last[0] || first[1] !== last[1])
      return fail(
        GeometryReason.RingNotClosed,
        `${where} is not closed: its last position must equal its first`,
      )
    return undefined
  }
  const polygon = (value: unknown, where: string): GeometryFailure | undefined => {
    if (!Array.isArray(value) || value.length === 0)
      return fail(GeometryReason.NotGeoJson, `${where} has no rings`)
    for (const [i, r] of value.entries()) {
      const failure = ring(r, `${where}ring ${i + 1}${i === 0 ? ' (exterior)' : ' (hole)'}`)
      if (failure) return failure
    }
    return undefined
  }
  const many = (
    value: unknown,
    each: (part: unknown, where: string) => GeometryFailure | undefined,
    noun: string,
  ) => {
    if (!Array.isArray(value) || value.length === 0)
      return fail(GeometryReason.NotGeoJson, `the ${noun} has no parts`)
    for (const [i, part] of value.entries()) {
      const failure = each(part, `part ${i + 1}, `)
      if (failure) return failure
    }
    return undefined
  }
  switch (geometry.type) {
    case 'Point':
      return position(coordinates, 'the point')
    case 'MultiPoint':
      return many(coordinates, (p, where) => position(p, `${where}point`), 'MultiPoint')
    case 'LineString':
      return line(coordinates, 'the line', 2)
    case 'MultiLineString':
      return many(coordinates, (l, where) => line(l, `${where}line`, 2), 'MultiLineString')
    case 'Polygon':
      return polygon(coordinates, '')
    case 'MultiPolygon':
      return many(coordinates, (p, where) => polygon(p, where), 'MultiPolygon')
    default:
      return fail(GeometryReason.WrongType, `geometry type ${geometry.type} is not supported`)
  }
}

function fail(reason: GeometryReasonCode, message: string): GeometryFailure {
  return { reason, message }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
