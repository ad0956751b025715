import { unzipSync } from 'fflate'
import iconv from 'iconv-lite'
import { open } from 'shapefile'
import { sridOfWkt } from '../source-crs.ts'
import { firstPosition, type Source, type SourceFeature, SourceRefusal } from './source.ts'

// Zipped Shapefiles: .shp and .dbf (required), .prj (the CRS) and .cpg (the encoding of the
// attributes). German offices still send CP1252 or CP850; without a .cpg, dBASE files are read
// as CP1252, as ArcGIS and QGIS do.

/** Reads the Shapefile `layer` (or the only one) from the zip `bytes`. */
export async function readZippedShapefile(bytes: Uint8Array, name: string, layer?: string): Promise<Source> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, { filter: (file) => !file.name.startsWith('__MACOSX/') })
  } catch (error) {
    throw new SourceRefusal(`${name} is not a readable zip file: ${(error as Error).message}`)
  }
  const byExtension = new Map<string, Uint8Array>()
  for (const [path, content] of Object.entries(files)) byExtension.set(path.toLowerCase(), content)
  const shps = Object.keys(files)
    .filter((path) => path.toLowerCase().endsWith('.shp'))
    .map((path) => path.slice(0, -4))
  if (shps.length === 0) throw new SourceRefusal(`${name} holds no .shp file`)
  const base = layer === undefined && shps.length === 1 ? shps[0] : shps.find((s) => s === layer)
  if (base === undefined) {
    throw new SourceRefusal(
      layer === undefined
        ? `${name} holds ${shps.length} Shapefiles; choose one of ${shps.join(', ')}`
        : `${name} has no Shapefile ${layer}; choose one of ${shps.join(', ')}`,
    )
  }
  const part = (extension: string) => byExtension.get(`${base}.${extension}`.toLowerCase())
  const shp = part('shp')
  const dbf = part('dbf')
  if (!shp || !dbf) throw new SourceRefusal(`${name}: ${base}.shp needs its ${base}.dbf beside it`)
  const prj = part('prj')
  const srid = prj ? sridOfWkt(new TextDecoder().decode(prj), `${base}.prj`) : undefined
  const cpg = part('cpg')
  const encoding = encodingOf(cpg ? new TextDecoder().decode(cpg) : undefined, `${base}.cpg`)
  const source = await open(shp, decodable(dbf, encoding), {
    encoding: encoding === 'utf-8' ? 'utf-8' : 'windows-1252',
  })
  const fields = fieldNames(dbf, encoding)
  return {
    format: 'shapefile',
    layers: shps,
    layer: base,
    fields,
    srid,
    async *features(): AsyncIterable<SourceFeature> {
      for (;;) {
        const next = await source.read()
        if (next.done) return
        const geometry = next.value.geometry
        yield {
          properties: next.value.properties ?? {},
          geometry: geometry === null ? null : { geojson: geometry },
          position: firstPosition(geometry),
        }
      }
    },
  }
}

/** The encoding a .cpg names, as an iconv-lite label; CP1252 without one. */
function encodingOf(cpg: string | undefined, where: string): string {
  if (cpg === undefined) return 'windows-1252'
  const label = cpg
    .trim()
    .toLowerCase()
    .replace(/^(ansi|cp|windows-?|ibm|oem)[ _-]?/, '')
  if (/^utf-?8$/.test(label)) return 'utf-8'
  if (label === '1252' || label === '') return 'windows-1252'
  if (/^8859[-_]?1$|^iso[-_ ]?8859[-_]?1$|^latin-?1$/.test(cpg.trim().toLowerCase())) return 'latin1'
  if (label === '850' || label === '437' || label === '1250' || label === '858') return `cp${label}`
  if (iconv.encodingExists(cpg.trim())) return cpg.trim()
  throw new SourceRefusal(`${where} names the encoding "${cpg.trim()}", which Quartiersatlas cannot read`)
}

/**
 * The .dbf as the shapefile reader can decode it (it only knows WHATWG encodings): an 8-bit DOS
 * or ISO code page is rewritten byte for byte into CP1252. Both are one byte per character, so
 * the fixed field widths of dBASE stay right; umlauts and ß exist in both.
 */
function decodable(dbf: Uint8Array, encoding: string): Uint8Array {
  if (encoding === 'utf-8' || encoding === 'windows-1252') return dbf
  const headerLength = new DataView(dbf.buffer, dbf.byteOffset).getUint16(8, true)
  const records = dbf.subarray(headerLength)
  const rewritten = iconv.encode(iconv.decode(Buffer.from(records), encoding), 'windows-1252')
  const copy = new Uint8Array(dbf.length)
  copy.set(dbf.subarray(0, headerLength))
  copy.set(rewritten.subarray(0, records.length), headerLength)
  return copy
}

/** The field names from the dBASE header (32-byte descriptors up to the 0x0d terminator). */
function fieldNames(dbf: Uint8Array, encoding: string): string[] {
  const names: string[] = []
  for (let offset = 32; offset + 32 <= dbf.length && dbf[offset] !== 0x0d; offset += 32) {
    const raw = dbf.subarray(offset, offset + 11)
    const end = raw.indexOf(0)
    names.push(
      iconv.decode(
        Buffer.from(end === -1 ? raw : raw.subarray(0, end)),
        encoding === 'utf-8' ? 'utf-8' : encoding,
      ),
    )
  }
  return names
}
