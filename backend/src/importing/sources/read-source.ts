import { type CsvColumns, readCsv } from './read-csv.ts'
import { readFlatGeobuf } from './read-flatgeobuf.ts'
import { readGeoJson } from './read-geojson.ts'
import { readGeoPackage } from './read-geopackage.ts'
import { readZippedShapefile } from './read-shapefile.ts'
import { type Source, SourceRefusal } from './source.ts'

export type OpenOptions = { layer?: string; csv?: CsvColumns }

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte)

/** Opens an uploaded file by its content (zip, SQLite, FlatGeobuf magic) and then its name. */
export async function openSource(
  bytes: Uint8Array,
  name: string,
  options: OpenOptions = {},
): Promise<Source> {
  if (bytes.length === 0) throw new SourceRefusal(`${name} is empty`)
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return readZippedShapefile(bytes, name, options.layer)
  if (new TextDecoder().decode(bytes.subarray(0, 15)) === 'SQLite format 3')
    return readGeoPackage(bytes, name, options.layer)
  if (startsWith(bytes, 0x66, 0x67, 0x62)) return readFlatGeobuf(bytes, name)
  if (/\.(csv|txt|tsv)$/i.test(name)) return readCsv(bytes, name, options.csv)
  if (/\.(geo)?json(l|s|seq)?$/i.test(name) || startsWithJson(bytes)) return readGeoJson(bytes, name)
  if (/\.shp$/i.test(name))
    throw new SourceRefusal(`${name}: send a Shapefile as a zip with its .shx, .dbf and .prj`)
  throw new SourceRefusal(
    `${name} is none of the formats read: GeoJSON, GeoJSON sequence, zipped Shapefile, GeoPackage, CSV, FlatGeobuf`,
  )
}

/** Whether the first non-space byte opens JSON or an RFC 8142 record. */
function startsWithJson(bytes: Uint8Array): boolean {
  const first = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart()[0]
  return first === '{' || first === '[' || first === String.fromCharCode(0x1e)
}
