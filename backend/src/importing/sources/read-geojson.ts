import { sridOfGeoJsonCrs } from '../source-crs.ts'
import { firstPosition, type Source, type SourceFeature, SourceRefusal } from './source.ts'

// GeoJSON FeatureCollections (RFC 7946, or the 2008 form with a `crs` member) and GeoJSON text
// sequences (RFC 8142, one feature per line, with or without the RS character).

/** RFC 8142's record separator before each feature of a sequence. */
const recordSeparator = String.fromCharCode(0x1e)
const decoder = new TextDecoder('utf-8', { fatal: false })

/** Reads a FeatureCollection or a GeoJSON sequence from `bytes`. */
export function readGeoJson(bytes: Uint8Array, name: string): Source {
  const text = decoder.decode(bytes).replace(/^\uFEFF/, '')
  const start = text.trimStart()
  if (looksLikeSequence(start)) return sequence(text, name)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new SourceRefusal(`${name} is not JSON: ${(error as Error).message}`)
  }
  return readGeoJsonValue(parsed, name)
}

/** A parsed GeoJSON value (a FeatureCollection or one Feature) as a source. */
export function readGeoJsonValue(parsed: unknown, name = 'the GeoJSON'): Source {
  const collection = parsed as { type?: unknown; features?: unknown; crs?: unknown } | null
  if (collection?.type === 'Feature') return fromFeatures('geojson', [parsed], undefined, name)
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw new SourceRefusal(`${name} is not a GeoJSON FeatureCollection`)
  return fromFeatures('geojson', collection.features, sridOfGeoJsonCrs(collection.crs), name)
}

function looksLikeSequence(start: string): boolean {
  if (start.startsWith(recordSeparator)) return true
  const firstLine = start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n')).trim()
  if (!firstLine.startsWith('{') || firstLine === start.trim()) return false
  try {
    return (JSON.parse(firstLine) as { type?: unknown }).type === 'Feature'
  } catch {
    return false
  }
}

function sequence(text: string, name: string): Source {
  const lines = text
    .replaceAll(recordSeparator, '\n')
    .split('\n')
    .filter((line) => line.trim().length > 0)
  const features = lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown
    } catch {
      throw new SourceRefusal(`${name}: line ${index + 1} of the GeoJSON sequence is not JSON`)
    }
  })
  return fromFeatures('geojsonseq', features, undefined, name)
}

function fromFeatures(
  format: 'geojson' | 'geojsonseq',
  features: readonly unknown[],
  srid: number | undefined,
  name: string,
): Source {
  const fields = new Set<string>()
  for (const feature of features.slice(0, 1000)) {
    const properties = (feature as { properties?: unknown })?.properties
    if (properties && typeof properties === 'object')
      for (const key of Object.keys(properties)) fields.add(key)
  }
  return {
    format,
    layers: [name],
    layer: name,
    fields: [...fields],
    srid,
    async *features(): AsyncIterable<SourceFeature> {
      for (const raw of features) {
        const feature = raw as { type?: unknown; properties?: unknown; geometry?: unknown }
        const properties =
          feature?.properties && typeof feature.properties === 'object'
            ? (feature.properties as Record<string, unknown>)
            : {}
        const geometry = feature?.geometry ?? null
        yield {
          properties,
          geometry: feature?.type === 'Feature' && geometry !== null ? { geojson: geometry } : null,
          position: firstPosition(geometry),
        }
      }
    },
  }
}
