import type { GeometryType } from '../contract/layers.ts'
import type { Tx } from '../db/sql-client.ts'
import type { SourceGeometry } from './sources/source.ts'

// One statement per feature: PostGIS parses the geometry as the file holds it (GeoJSON, WKB or
// WKT), transforms it to WGS 84, and says whether it is valid (why and where if not), which
// type it is and whether it lies within the municipality's envelope.

export type CheckedGeometry =
  | { ok: true; wkb: Uint8Array; geojson: string | null }
  | {
      ok: false
      reason: 'invalid' | 'wrong-type' | 'outside' | 'unreadable'
      message: string
      location?: [number, number]
    }

const accepted: Record<GeometryType, readonly string[]> = {
  MultiPolygon: ['ST_Polygon', 'ST_MultiPolygon'],
  MultiLineString: ['ST_LineString', 'ST_MultiLineString'],
  Point: ['ST_Point'],
  Geometry: [
    'ST_Point',
    'ST_LineString',
    'ST_Polygon',
    'ST_MultiPoint',
    'ST_MultiLineString',
    'ST_MultiPolygon',
  ],
}

/** Checks `geometry` (in `srid`) for a layer of `expected` type in `municipality`. */
export async function checkImportGeometry(
  sql: Tx,
  geometry: Exclude<SourceGeometry, null>,
  srid: number,
  expected: GeometryType,
  municipality: string | null,
  withGeoJson = false,
): Promise<CheckedGeometry> {
  const parsed =
    'wkb' in geometry
      ? sql`st_setsrid(st_force2d(st_geomfromwkb(${Buffer.from(geometry.wkb)}::bytea)), ${srid}::int)`
      : 'wkt' in geometry
        ? sql`st_setsrid(st_force2d(st_geomfromtext(${geometry.wkt})), ${srid}::int)`
        : sql`st_setsrid(st_force2d(st_geomfromgeojson(${JSON.stringify(geometry.geojson)})), ${srid}::int)`
  let row:
    | {
        valid: boolean
        reason: string | null
        x: number | null
        y: number | null
        type: string
        inside: boolean | null
        wkb: Uint8Array
        name: string | null
        geojson: string | null
      }
    | undefined
  try {
    ;[row] = await sql.savepoint(
      (sp) => sp<NonNullable<typeof row>[]>`
      with g as (select st_transform(${parsed}, 4326) as geom),
           d as (select g.geom, (st_isvaliddetail(g.geom)).* from g),
           m as (select name, envelope from municipalities
                  where ags = coalesce(${municipality}::char(8), default_municipality()))
      select d.valid, d.reason, st_x(d.location) as x, st_y(d.location) as y,
             st_geometrytype(d.geom) as type, st_within(d.geom, m.envelope) as inside,
             st_asbinary(d.geom) as wkb, m.name,
             case when ${withGeoJson} then st_asgeojson(d.geom, 7) end as geojson
        from d left join m on true`,
    )
  } catch (error) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `the geometry cannot be read: ${(error as Error).message}`,
    }
  }
  if (!row) return { ok: false, reason: 'unreadable', message: 'the geometry cannot be read' }
  if (!accepted[expected].includes(row.type)) {
    return {
      ok: false,
      reason: 'wrong-type',
      message: `geometry type ${row.type.slice(3)} is not allowed here; expected ${accepted[expected].map((t) => t.slice(3)).join(' or ')}`,
    }
  }
  if (!row.valid) {
    const location =
      row.x !== null && row.y !== null ? ([round(row.x), round(row.y)] as [number, number]) : undefined
    return {
      ok: false,
      reason: 'invalid',
      message: `invalid geometry: ${row.reason ?? 'not valid'}${location ? ` at ${location[0]} ${location[1]}` : ''}`,
      ...(location ? { location } : {}),
    }
  }
  if (row.inside === false) {
    return {
      ok: false,
      reason: 'outside',
      message: `the geometry lies outside ${row.name ?? 'the municipality'}`,
    }
  }
  return { ok: true, wkb: row.wkb, geojson: row.geojson }
}

const round = (value: number) => Math.round(value * 1e7) / 1e7
