import { Problem } from '../http/problem.ts'

// The coordinate reference systems of OGC API – Features Part 2 that Quartiersatlas serves and
// accepts. PostGIS does every transformation; this module only names them and reads URIs.

export type Crs = {
  readonly uri: string
  /** The PostGIS SRID to transform to. */
  readonly srid: number
  /** EPSG:4326 is latitude first by definition; GeoJSON (CRS84) is longitude first. */
  readonly latLon: boolean
  /** Geographic coordinates (degrees) rather than projected metres. */
  readonly geographic: boolean
}

const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`

export const crs84: Crs = {
  uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  srid: 4326,
  latLon: false,
  geographic: true,
}

/** Every CRS offered, the default (CRS84) first. */
export const supportedCrs: readonly Crs[] = [
  crs84,
  { uri: epsg(4326), srid: 4326, latLon: true, geographic: true },
  { uri: epsg(3857), srid: 3857, latLon: false, geographic: false },
  { uri: epsg(25832), srid: 25832, latLon: false, geographic: false },
  { uri: epsg(25833), srid: 25833, latLon: false, geographic: false },
]

/** Decimal places of output coordinates: 7 for degrees (about 1 cm), 4 for metres (0.1 mm). */
export function decimals(crs: Crs): number {
  return crs.geographic ? 7 : 4
}

/**
 * The CRS a `crs`/`bbox-crs` parameter or `Content-Crs` header names (with or without `<…>`),
 * CRS84 when absent; an unknown CRS is a 400 problem listing what is offered.
 */
export function parseCrs(value: string | undefined, parameter: string): Crs {
  if (value === undefined) return crs84
  const uri = value.trim().replace(/^<(.*)>$/, '$1')
  const found = supportedCrs.find((crs) => crs.uri === uri)
  if (!found) {
    throw new Problem(
      400,
      'unsupported-crs',
      'Unsupported coordinate reference system',
      `${parameter} "${value}" is not offered; use one of ${supportedCrs.map((crs) => crs.uri).join(', ')}`,
      { parameter },
    )
  }
  return found
}

/** The `Content-Crs` header value for `crs`. */
export function contentCrs(crs: Crs): string {
  return `<${crs.uri}>`
}
