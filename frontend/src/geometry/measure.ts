import type { Geometry, Position } from 'geojson'
import proj4 from 'proj4'

// Areas and lengths as planners know them: planar sums in the municipality's official ETRS89 /
// UTM zone, the same sums PostGIS does on the server (st_area(st_transform(geom, srid))), so the
// figure shown while drawing is the figure stored after saving.

proj4.defs('EPSG:25832', '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs')
proj4.defs('EPSG:25833', '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs')

/** The official CRS of each municipality (AGS), as in the `municipalities` table. */
export const officialSrid: Readonly<Record<string, 25832 | 25833>> = {
  '14713000': 25833,
  '05913000': 25832,
}

/**
 * The official SRID for a municipality; for an unknown one (a new drawing), the ETRS89 / UTM zone
 * of the geometry's first longitude.
 */
export function sridFor(municipality: string | undefined, geometry: Geometry): 25832 | 25833 {
  const known = municipality ? officialSrid[municipality] : undefined
  if (known) return known
  let position: unknown = geometry.type === 'GeometryCollection' ? [] : geometry.coordinates
  while (Array.isArray(position) && Array.isArray(position[0])) position = position[0]
  const longitude = Array.isArray(position) && typeof position[0] === 'number' ? position[0] : 12
  return longitude < 12 ? 25832 : 25833
}

export type Measurement = {
  /** Square metres (polygons; 0 otherwise). */
  areaM2: number
  /** Hectares (areaM2 / 10 000). */
  areaHa: number
  /** Length of every ring (polygons) in metres. */
  perimeterM: number
  /** Length of every line (lines) in metres. */
  lengthM: number
}

/** Measures a lon/lat geometry in EPSG:`srid` (planar area, perimeter and line length in metres). */
export function measure(geometry: Geometry, srid: 25832 | 25833): Measurement {
  const project = proj4('EPSG:4326', `EPSG:${srid}`)
  const toMetres = (line: Position[]) => line.map((p) => project.forward([p[0] as number, p[1] as number]))
  let areaM2 = 0
  let perimeterM = 0
  let lengthM = 0
  const polygon = (rings: Position[][]) => {
    rings.forEach((ring, i) => {
      const metres = toMetres(ring)
      const area = Math.abs(shoelace(metres))
      areaM2 += i === 0 ? area : -area
      perimeterM += pathLength(metres)
    })
  }
  const visit = (g: Geometry) => {
    switch (g.type) {
      case 'Polygon':
        return polygon(g.coordinates)
      case 'MultiPolygon':
        return g.coordinates.forEach(polygon)
      case 'LineString':
        lengthM += pathLength(toMetres(g.coordinates))
        return
      case 'MultiLineString':
        for (const line of g.coordinates) lengthM += pathLength(toMetres(line))
        return
      case 'GeometryCollection':
        return g.geometries.forEach(visit)
      default:
        return
    }
  }
  visit(geometry)
  return { areaM2, areaHa: areaM2 / 10_000, perimeterM, lengthM }
}

function shoelace(ring: number[][]): number {
  let sum = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number]
    const [x2, y2] = ring[i + 1] as [number, number]
    sum += x1 * y2 - x2 * y1
  }
  return sum / 2
}

function pathLength(line: number[][]): number {
  let sum = 0
  for (let i = 0; i + 1 < line.length; i++) {
    const [x1, y1] = line[i] as [number, number]
    const [x2, y2] = line[i + 1] as [number, number]
    sum += Math.hypot(x2 - x1, y2 - y1)
  }
  return sum
}

/** A measurement as planners read it, e.g. "6 979 m² (0.70 ha), perimeter 352 m". */
export function formatMeasurement(m: Measurement, locale: 'de' | 'en'): string {
  const number = (value: number, digits = 0) =>
    value.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
  if (m.areaM2 > 0) {
    const perimeter = locale === 'de' ? 'Umfang' : 'perimeter'
    return `${number(m.areaM2)} m² (${number(m.areaHa, 2)} ha), ${perimeter} ${number(m.perimeterM)} m`
  }
  if (m.lengthM > 0) return `${number(m.lengthM)} m`
  return ''
}
