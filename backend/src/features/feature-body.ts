import type { Context } from 'hono'
import { z } from 'zod'
import { checkGeometry, type GeometryReasonCode } from '../contract/geometry-rules.ts'
import { areaTags, type Layer } from '../contract/layers.ts'
import { type Crs, parseCrs } from '../crs/crs.ts'
import { bodyTooLarge, limitBodyTo } from '../http/body-limit.ts'
import { refuseControlCharactersInJson } from '../http/control-characters.ts'
import { geometryProblem } from '../http/geometry-problem.ts'
import { Problem } from '../http/problem.ts'
import { swapAxes } from './swap-axes.ts'

// Reading a feature sent for a write, at the boundary: size, media type, JSON syntax, nesting,
// control characters, GeoJSON structure, geometry rules and the layer's strict property schema,
// in that order, each refusal a problem that names the rule. PostGIS validity follows in the write route.

/** The largest write body: generous for a detailed polygon, small enough to parse safely. */
export const maxFeatureBytes = 5 * 1024 * 1024
/** The deepest JSON nesting a feature needs is 6 (a MultiPolygon position); 32 leaves room. */
export const maxDepth = 32

/** Middleware: 413 for bodies over maxFeatureBytes, also when sent chunked without a length. */
export const limitFeatureBody = limitBodyTo(maxFeatureBytes, () =>
  bodyTooLarge(`a feature may have at most ${maxFeatureBytes} bytes`),
)

export type FeatureInput = {
  /** Validated property values by column. */
  set: Record<string, unknown>
  /** Columns a merge patch sets to null (RFC 7396: back to the column default). */
  nulls: string[]
  /** The geometry (lon/lat order for geographic CRSs), undefined when a patch keeps it. */
  geometry: unknown
  crs: Crs
}

const ags = z.string().regex(/^\d{8}$/, 'municipality must be an 8-digit official key (AGS)')

/** The properties a write of `layer` accepts: the registry's, and the municipality it lies in. */
export const writablePropertiesSchema = (layer: Layer) =>
  layer.properties.extend({ municipality: ags.optional() })

const featureMembers = new Set(['type', 'id', 'geometry', 'properties', 'bbox', 'links'])

const refuse = (
  status: 400 | 415 | 422,
  slug:
    | 'unsupported-media-type'
    | 'too-deeply-nested'
    | 'malformed-json'
    | 'not-geojson'
    | GeometryReasonCode
    | 'unknown-member'
    | 'geometry-required'
    | 'invalid-properties'
    | 'unknown-property'
    | 'invalid-property',
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) => new Problem(status, slug, title, detail, extra)

/** The deepest nesting of arrays and objects in JSON text, counted without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i += 1
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth)
    else if (char === '}' || char === ']') depth -= 1
  }
  return deepest
}

/**
 * Reads and checks the feature of a POST or PUT (`replace`: all of it) or a PATCH (`merge`: an
 * RFC 7396 merge patch of it) for `layer`.
 */
export async function readFeatureInput(
  c: Context,
  layer: Layer,
  mode: 'replace' | 'merge',
): Promise<FeatureInput> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const accepted =
    mode === 'merge'
      ? ['application/merge-patch+json', 'application/json']
      : ['application/geo+json', 'application/json']
  if (!accepted.includes(type)) {
    throw refuse(
      415,
      'unsupported-media-type',
      'Unsupported content type',
      `send ${accepted.join(' or ')}, not "${type || 'none'}"`,
    )
  }
  const crs = parseCrs(c.req.header('content-crs'), 'Content-Crs')
  const text = await c.req.text()
  if (jsonDepth(text) > maxDepth) {
    throw refuse(
      400,
      'too-deeply-nested',
      'JSON nested too deeply',
      `the body nests arrays and objects deeper than ${maxDepth} levels`,
    )
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw refuse(
      400,
      'malformed-json',
      'The body is not JSON',
      `the body could not be parsed: ${(error as Error).message}`,
    )
  }
  refuseControlCharactersInJson(body)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw refuse(400, 'not-geojson', 'Not a GeoJSON Feature', 'the body must be a GeoJSON Feature object')
  }
  const feature = body as Record<string, unknown>
  if (
    mode === 'replace' ? feature.type !== 'Feature' : feature.type !== undefined && feature.type !== 'Feature'
  ) {
    throw refuse(
      400,
      'not-geojson',
      'Not a GeoJSON Feature',
      'the body must be a GeoJSON Feature ("type": "Feature")',
    )
  }
  if ('crs' in feature) {
    throw refuse(
      422,
      'crs-member',
      'Invalid geometry',
      'the GeoJSON "crs" member is not allowed (RFC 7946); name the CRS in a Content-Crs header',
    )
  }
  const unknown = Object.keys(feature).filter((key) => !featureMembers.has(key))
  if (unknown.length > 0) {
    throw refuse(
      422,
      'unknown-member',
      'Unknown Feature member',
      `a Feature has no member ${unknown.join(', ')}`,
    )
  }
  return {
    ...readProperties(layer, feature.properties, mode),
    geometry: readGeometry(layer, feature, mode, crs),
    crs,
  }
}

function readGeometry(
  layer: Layer,
  feature: Record<string, unknown>,
  mode: 'replace' | 'merge',
  crs: Crs,
): unknown {
  if (mode === 'merge' && feature.geometry === undefined) return undefined
  if (feature.geometry === undefined || feature.geometry === null) {
    throw refuse(422, 'geometry-required', 'Geometry required', `features of ${layer.id} need a geometry`)
  }
  const failure = checkGeometry(feature.geometry, layer.geometryType, {
    lonLat: crs.geographic && !crs.latLon,
  })
  if (failure) throw geometryProblem(failure)
  const geometry = crs.latLon ? swapAxes(feature.geometry) : feature.geometry
  // Axis-swapped EPSG:4326 input is checked for range once it is longitude first.
  const swapped = crs.latLon ? checkGeometry(geometry, layer.geometryType) : undefined
  if (swapped) throw geometryProblem(swapped)
  return geometry
}

function readProperties(
  layer: Layer,
  input: unknown,
  mode: 'replace' | 'merge',
): Pick<FeatureInput, 'set' | 'nulls'> {
  if (input === undefined && mode === 'merge') return { set: {}, nulls: [] }
  if (input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    throw refuse(422, 'invalid-properties', 'Invalid properties', '"properties" must be an object')
  }
  // Computed measures and area tags may come back in a feature a client read; the database
  // recomputes them.
  const derived: readonly string[] = [...layer.measures, ...areaTags]
  const given = Object.fromEntries(
    Object.entries((input ?? {}) as Record<string, unknown>).filter(([name]) => !derived.includes(name)),
  )
  const schema = writablePropertiesSchema(layer)
  const nulls = mode === 'merge' ? Object.keys(given).filter((name) => given[name] === null) : []
  const values =
    mode === 'merge' ? Object.fromEntries(Object.entries(given).filter(([, value]) => value !== null)) : given
  const checked = (mode === 'merge' ? schema.partial() : schema).safeParse(values)
  const unknownNulls = nulls.filter((name) => !(name in schema.shape))
  // A required property (no default, e.g. name) cannot be removed by a merge patch.
  const requiredNulls = nulls.filter(
    (name) => name in schema.shape && !schema.shape[name]?.safeParse(undefined).success,
  )
  if (!checked.success || unknownNulls.length > 0 || requiredNulls.length > 0) {
    const errors = [
      ...(checked.success ? [] : checked.error.issues).map((issue) => ({
        property:
          issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'properties'),
        message: issue.message,
        rule: issue.code === 'unrecognized_keys' ? 'unknown-property' : 'invalid-property',
      })),
      ...unknownNulls.map((name) => ({
        property: name,
        message: `unknown property ${name}`,
        rule: 'unknown-property',
      })),
      ...requiredNulls.map((name) => ({
        property: name,
        message: `${name} is required and cannot be null`,
        rule: 'invalid-property',
      })),
    ]
    const slug = errors.every((error) => error.rule === 'unknown-property')
      ? 'unknown-property'
      : 'invalid-property'
    throw refuse(
      422,
      slug,
      slug === 'unknown-property' ? 'Unknown property' : 'Invalid property value',
      errors.map((error) => `${error.property}: ${error.message}`).join('; '),
      { errors },
    )
  }
  return { set: checked.data as Record<string, unknown>, nulls }
}
