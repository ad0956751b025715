import { zipSync } from 'fflate'
import type { GeometryType } from '../contract/layers.ts'
import type { ExportRow } from './export.queries.ts'
import { type ExportTable, extentOf } from './export-table.ts'
import { writeDbf } from './write-dbf.ts'

// Zipped Shapefile (ESRI white paper, 1998): .shp, .shx, .dbf, .prj (the CRS as OGC WKT from
// PostGIS) and .cpg ("UTF-8"). Written here, after checking npm: @mapbox/shp-write (0.4.3, last
// released 2023) writes a fixed WGS 84 .prj, no .cpg and a dBASE of Latin-1 text, and pulls in
// jszip and a browser download helper. PostGIS already orients the rings (st_forcepolygoncw:
// outer rings clockwise, holes counter-clockwise), so this only lays out bytes.

type Coordinates = number[] | Coordinates[]
type JsonGeometry = { type: string; coordinates: Coordinates }

const shapeTypes: Partial<Record<GeometryType, number>> = { Point: 1, MultiLineString: 3, MultiPolygon: 5 }

/** The parts (rings or lines) of a GeoJSON geometry, each a list of [x, y]. */
function partsOf(geometry: JsonGeometry): number[][][] {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates as number[][][]
    case 'MultiPolygon':
      return (geometry.coordinates as number[][][][]).flat()
    case 'LineString':
      return [geometry.coordinates as number[][]]
    default:
      throw new Error(`no shape part for ${geometry.type}`)
  }
}

function record(shapeType: number, geometry: JsonGeometry, box: ExportRow['box']): Buffer {
  if (shapeType === 1) {
    const [x, y] = geometry.coordinates as number[]
    const content = Buffer.alloc(20)
    content.writeInt32LE(1, 0)
    content.writeDoubleLE(x as number, 4)
    content.writeDoubleLE(y as number, 12)
    return content
  }
  const parts = partsOf(geometry)
  const points = parts.flat()
  const content = Buffer.alloc(44 + 4 * parts.length + 16 * points.length)
  content.writeInt32LE(shapeType, 0)
  for (const [i, value] of box.entries()) content.writeDoubleLE(value, 4 + 8 * i)
  content.writeInt32LE(parts.length, 36)
  content.writeInt32LE(points.length, 40)
  let start = 0
  parts.forEach((part, i) => {
    content.writeInt32LE(start, 44 + 4 * i)
    start += part.length
  })
  const at = 44 + 4 * parts.length
  points.forEach(([x, y], i) => {
    content.writeDoubleLE(x as number, at + 16 * i)
    content.writeDoubleLE(y as number, at + 16 * i + 8)
  })
  return content
}

function header(shapeType: number, bytes: number, box: ExportRow['box']): Buffer {
  const head = Buffer.alloc(100)
  head.writeInt32BE(9994, 0)
  head.writeInt32BE(bytes / 2, 24)
  head.writeInt32LE(1000, 28)
  head.writeInt32LE(shapeType, 32)
  for (const [i, value] of box.entries()) head.writeDoubleLE(value, 36 + 8 * i)
  return head
}

/** Whether `geometryType` has a shape type: a layer mixing types must be exported per type. */
export function hasShapeType(geometryType: GeometryType): boolean {
  return shapeTypes[geometryType] !== undefined
}

/** The zip of a Shapefile named `name` of `rows` (GeoJSON geometries, oriented) and `table`. */
export function writeShapefile(
  name: string,
  geometryType: GeometryType,
  table: ExportTable,
  rows: readonly ExportRow[],
  prj: string,
): Uint8Array {
  const shapeType = shapeTypes[geometryType]
  if (shapeType === undefined) throw new Error(`a Shapefile holds one geometry type, not ${geometryType}`)
  const contents = rows.map((row) => record(shapeType, JSON.parse(row.geometry as string), row.box))
  const box = extentOf(rows) ?? [0, 0, 0, 0]
  const shpRecords: Buffer[] = []
  const shxRecords: Buffer[] = []
  let offset = 100
  contents.forEach((content, i) => {
    const head = Buffer.alloc(8)
    head.writeInt32BE(i + 1, 0)
    head.writeInt32BE(content.length / 2, 4)
    shpRecords.push(head, content)
    const index = Buffer.alloc(8)
    index.writeInt32BE(offset / 2, 0)
    index.writeInt32BE(content.length / 2, 4)
    shxRecords.push(index)
    offset += 8 + content.length
  })
  const shp = Buffer.concat([header(shapeType, offset, box), ...shpRecords])
  const shx = Buffer.concat([header(shapeType, 100 + 8 * rows.length, box), ...shxRecords])
  return zipSync({
    [`${name}.shp`]: shp,
    [`${name}.shx`]: shx,
    [`${name}.dbf`]: writeDbf(table),
    [`${name}.prj`]: Buffer.from(prj),
    [`${name}.cpg`]: Buffer.from('UTF-8'),
  })
}
