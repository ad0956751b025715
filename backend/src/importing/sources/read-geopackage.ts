import initSqlJs, { type Database, type SqlValue } from 'sql.js'
import { recognised, sridOfWkt } from '../source-crs.ts'
import { type Source, type SourceFeature, SourceRefusal } from './source.ts'

// GeoPackages (OGC 12-128r18) read with sql.js, SQLite compiled to WebAssembly: no native build,
// so `npm install` stays free of compilers. Geometry blobs go to PostGIS as WKB (the GeoPackage
// header stripped); PostGIS, not JavaScript, parses them.

let sqlJs: ReturnType<typeof initSqlJs> | undefined

/** Opens `bytes` as a GeoPackage and picks `layer` (the only feature table when not given). */
export async function readGeoPackage(bytes: Uint8Array, name: string, layer?: string): Promise<Source> {
  sqlJs ??= initSqlJs()
  const SQL = await sqlJs
  let db: Database
  try {
    db = new SQL.Database(bytes)
    db.exec('select 1 from gpkg_contents limit 1')
  } catch {
    throw new SourceRefusal(`${name} is not a GeoPackage (it has no gpkg_contents table)`)
  }
  const rows = (query: string, params: SqlValue[] = []) => {
    const statement = db.prepare(query, params)
    const result: Record<string, SqlValue>[] = []
    while (statement.step()) result.push(statement.getAsObject())
    statement.free()
    return result
  }
  const layers = rows(
    `select c.table_name, g.column_name, g.srs_id from gpkg_contents c
       join gpkg_geometry_columns g on g.table_name = c.table_name
      where c.data_type = 'features' order by c.table_name`,
  )
  if (layers.length === 0) throw new SourceRefusal(`${name} holds no feature table`)
  const names = layers.map((row) => String(row.table_name))
  const chosen =
    layer === undefined && layers.length === 1 ? layers[0] : layers.find((row) => row.table_name === layer)
  if (!chosen) {
    throw new SourceRefusal(
      layer === undefined
        ? `${name} holds ${layers.length} layers; choose one of ${names.join(', ')}`
        : `${name} has no layer ${layer}; choose one of ${names.join(', ')}`,
    )
  }
  const table = String(chosen.table_name)
  const geometryColumn = String(chosen.column_name)
  const [srs] = rows(
    'select organization, organization_coordsys_id, definition from gpkg_spatial_ref_sys where srs_id = ?',
    [chosen.srs_id ?? null],
  )
  const where = `the GeoPackage's gpkg_spatial_ref_sys (srs_id ${chosen.srs_id})`
  const srid =
    srs === undefined || Number(chosen.srs_id) <= 0
      ? undefined
      : String(srs.organization).toUpperCase() === 'EPSG'
        ? recognised(Number(srs.organization_coordsys_id), where)
        : sridOfWkt(String(srs.definition), where)
  const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`
  const columns = rows(`select name, pk from pragma_table_info(?)`, [table])
  const fields = columns
    .filter((c) => c.name !== geometryColumn && Number(c.pk) === 0)
    .map((c) => String(c.name))
  return {
    format: 'geopackage',
    layers: names,
    layer: table,
    fields,
    srid,
    async *features(): AsyncIterable<SourceFeature> {
      const statement = db.prepare(
        `select ${[geometryColumn, ...fields].map(quoted).join(', ')} from ${quoted(table)}`,
      )
      try {
        while (statement.step()) {
          const values = statement.get()
          const properties: Record<string, unknown> = {}
          fields.forEach((field, index) => {
            const value = values[index + 1]
            properties[field] = value instanceof Uint8Array ? null : value
          })
          const blob = values[0]
          yield { properties, ...geometryOf(blob instanceof Uint8Array ? blob : null) }
        }
      } finally {
        statement.free()
        db.close()
      }
    },
  }
}

const envelopeBytes = [0, 32, 48, 48, 64]

/** The WKB inside a GeoPackage geometry blob, and the envelope's lower corner as a sample position. */
function geometryOf(blob: Uint8Array | null): Pick<SourceFeature, 'geometry' | 'position'> {
  if (blob === null || blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return { geometry: null }
  const flags = blob[3] ?? 0
  if (flags & 0x10) return { geometry: null }
  const envelope = envelopeBytes[(flags >> 1) & 7] ?? 0
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength)
  const littleEndian = (flags & 1) === 1
  const position: [number, number] | undefined =
    envelope > 0 ? [view.getFloat64(8, littleEndian), view.getFloat64(24, littleEndian)] : undefined
  return { geometry: { wkb: blob.subarray(8 + envelope) }, position }
}
