// What every reader of an uploaded file gives the importer: its fields, the CRS it declares
// (undefined when the file does not say), the layers it holds, and its features one by one, so
// a large file is never turned into one big array of objects.

/** A feature's geometry as the file holds it; PostGIS parses all three. */
export type SourceGeometry = { geojson: unknown } | { wkb: Uint8Array } | { wkt: string } | null

export type SourceFeature = {
  properties: Record<string, unknown>
  geometry: SourceGeometry
  /** A sample position [x, y] in the file's CRS, for the plausibility check of its coordinates. */
  position?: readonly [number, number] | undefined
}

export type SourceFormat = 'geojson' | 'geojsonseq' | 'shapefile' | 'geopackage' | 'csv' | 'flatgeobuf'

export interface Source {
  readonly format: SourceFormat
  /** Layers in the file (GeoPackage tables, Shapefiles in the zip); the chosen one is `layer`. */
  readonly layers: readonly string[]
  readonly layer: string
  readonly fields: readonly string[]
  /** The EPSG code the file declares, or undefined. */
  readonly srid: number | undefined
  features(): AsyncIterable<SourceFeature>
}

/** A file refused as a whole (unreadable, no layer chosen, an unknown CRS): nothing was imported. */
export class ImportError extends Error {}

export class SourceRefusal extends ImportError {}

/** The first position of a GeoJSON geometry, for plausibility checks. */
export function firstPosition(geometry: unknown): [number, number] | undefined {
  let value = (geometry as { coordinates?: unknown } | null)?.coordinates
  if (value === undefined) {
    const first = (geometry as { geometries?: unknown[] } | null)?.geometries?.[0]
    return first === undefined ? undefined : firstPosition(first)
  }
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0]
  if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number')
    return [value[0], value[1]]
  return undefined
}
