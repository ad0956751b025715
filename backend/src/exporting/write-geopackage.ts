import initSqlJs from 'sql.js'
import type { ExportRow } from './export.queries.ts'
import { type ColumnType, type ExportTable, extentOf } from './export-table.ts'

// GeoPackage 1.4 (OGC 12-128r18) written with sql.js, the SQLite the import reads it with:
// the three required tables, one feature table, and each geometry as the GeoPackage binary
// header (magic, version, flags, srs_id, envelope) before the WKB that PostGIS wrote.

let sqlJs: ReturnType<typeof initSqlJs> | undefined

const sqlTypes: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  text: 'TEXT',
}

export type GeoPackageLayer = {
  name: string
  title: string
  geometryType: string
  srid: number
  /** The CRS as OGC WKT (PostGIS's spatial_ref_sys). */
  definition: string
}

/** The GeoPackage binary of a WKB geometry: little-endian header with an xy envelope (flags 0b011). */
function gpkgGeometry(wkb: Uint8Array, srid: number, [minX, minY, maxX, maxY]: ExportRow['box']): Uint8Array {
  const header = Buffer.alloc(8 + 32)
  header.write('GP', 0, 'ascii')
  header.writeUInt8(0, 2)
  header.writeUInt8(0b011, 3)
  header.writeInt32LE(srid, 4)
  header.writeDoubleLE(minX, 8)
  header.writeDoubleLE(maxX, 16)
  header.writeDoubleLE(minY, 24)
  header.writeDoubleLE(maxY, 32)
  return Buffer.concat([header, wkb])
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

/** A GeoPackage holding `table` with the geometries of `rows` (WKB) as one layer. */
export async function writeGeoPackage(
  layer: GeoPackageLayer,
  table: ExportTable,
  rows: readonly ExportRow[],
): Promise<Uint8Array> {
  sqlJs ??= initSqlJs()
  const db = new (await sqlJs).Database()
  try {
    db.exec(`pragma application_id = 1196444487; pragma user_version = 10400;
      create table gpkg_spatial_ref_sys (srs_name text not null, srs_id integer primary key,
        organization text not null, organization_coordsys_id integer not null, definition text not null, description text);
      create table gpkg_contents (table_name text primary key, data_type text not null, identifier text unique,
        description text default '', last_change datetime not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x double, min_y double, max_x double, max_y double, srs_id integer references gpkg_spatial_ref_sys(srs_id));
      create table gpkg_geometry_columns (table_name text not null, column_name text not null,
        geometry_type_name text not null, srs_id integer not null, z tinyint not null, m tinyint not null,
        primary key (table_name, column_name));
      insert into gpkg_spatial_ref_sys values ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', null),
        ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', null);`)
    db.run('insert or replace into gpkg_spatial_ref_sys values (?, ?, ?, ?, ?, null)', [
      `EPSG:${layer.srid}`,
      layer.srid,
      'EPSG',
      layer.srid,
      layer.definition,
    ])
    const extent = extentOf(rows) ?? [null, null, null, null]
    db.run(
      'insert into gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
      [layer.name, 'features', layer.title, ...extent, layer.srid],
    )
    db.run('insert into gpkg_geometry_columns values (?, ?, ?, ?, 0, 0)', [
      layer.name,
      'geom',
      layer.geometryType.toUpperCase(),
      layer.srid,
    ])
    const columns = table.columns.map((column) => `${quoted(column.name)} ${sqlTypes[column.type]}`)
    db.exec(
      `create table ${quoted(layer.name)} (fid integer primary key autoincrement, geom ${layer.geometryType.toUpperCase()}${columns.map((column) => `, ${column}`).join('')})`,
    )
    const insert = db.prepare(
      `insert into ${quoted(layer.name)} values (?, ?${table.columns.map(() => ', ?').join('')})`,
    )
    db.exec('begin')
    table.records.forEach((record, i) => {
      const row = rows[i] as ExportRow
      insert.run([
        record.id,
        gpkgGeometry(row.geometry as Uint8Array, layer.srid, row.box),
        ...record.values.map((value) => (typeof value === 'boolean' ? Number(value) : value)),
      ])
    })
    db.exec('commit')
    insert.free()
    return db.export()
  } finally {
    db.close()
  }
}
