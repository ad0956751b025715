import type { Layer } from '../contract/layers.ts'
import { type Crs, decimals } from '../crs/crs.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import { conditions } from '../features/items.queries.ts'
import type { ItemsQuery } from '../features/items-params.ts'
import { servedGeometry } from '../layers/collection-rows.ts'

// The rows of an export: the items' conditions (bbox, datetime, queryables) and an optional
// selection of ids, every property from the caller's allow-list as one JSON object, and the
// geometry as PostGIS writes it for the format: transformed to the CRS, oriented, encoded.

type Fragment = ReturnType<Queries['unsafe']>

/** How PostGIS hands over the geometry: GeoJSON text, WKT, or WKB with its envelope (GeoPackage). */
export type GeometryEncoding = 'geojson' | 'shape' | 'wkt' | 'wkb'

export type ExportRow = {
  id: string
  /** The properties as JSON text, in the allow-list's order. */
  properties: string
  geometry: string | Uint8Array
  box: [number, number, number, number]
}

export type ExportQuery = ItemsQuery & { ids?: readonly number[] }

/** Files carry east/north order whatever the CRS: GDAL and QGIS read GeoPackage and Shapefile so. */
function transformed(sql: Queries, layer: Layer, crs: Crs): Fragment {
  const geom = servedGeometry(sql, layer)
  return (crs.srid === 4326 ? geom : sql`st_transform(${geom}, ${crs.srid}::int)`) as unknown as Fragment
}

function encoded(sql: Queries, geometry: Fragment, encoding: GeometryEncoding, crs: Crs): Fragment {
  const places = decimals(crs)
  switch (encoding) {
    case 'geojson':
      return sql`st_asgeojson(${geometry}, ${places}::int, 0)` as unknown as Fragment
    // Shapefiles want outer rings clockwise and holes counter-clockwise.
    case 'shape':
      return sql`st_asgeojson(st_forcepolygoncw(${geometry}), ${places}::int, 0)` as unknown as Fragment
    case 'wkt':
      return sql`st_astext(${geometry}, ${places}::int)` as unknown as Fragment
    case 'wkb':
      return sql`st_asbinary(${geometry}, 'NDR')` as unknown as Fragment
  }
}

/** The features of `layer` an export holds, in id order. */
export async function readExportRows(
  sql: Queries,
  layer: Layer,
  query: ExportQuery,
  properties: readonly string[],
  encoding: GeometryEncoding,
): Promise<ExportRow[]> {
  const parts = conditions(sql, layer, query)
  if (query.ids) parts.push(sql`id = any(${query.ids as number[]}::bigint[])` as unknown as Fragment)
  const where = parts.flatMap((part, i) => (i === 0 ? [part] : [sql`and`, part]))
  const pairs = properties.flatMap((name, i) => [
    ...(i === 0 ? [] : [sql`,`]),
    sql`${name}::text, ${identifiers(sql, name)}`,
  ])
  const rows = await sql<{ id: string; properties: string; geometry: string | Uint8Array; box: string }[]>`
    select g.id::text as id, g.properties, ${encoded(sql, sql`g.geom` as unknown as Fragment, encoding, query.crs)} as geometry,
           concat_ws(',', st_xmin(g.geom), st_ymin(g.geom), st_xmax(g.geom), st_ymax(g.geom)) as box
      from (
        select id, json_build_object(${pairs})::text as properties, ${transformed(sql, layer, query.crs)} as geom
          from ${identifiers(sql, layer.table)}
         where ${where.length === 0 ? sql`true` : sql`${where}`}
      ) as g
     order by g.id`
  return rows.map((row) => ({
    ...row,
    box: row.box.split(',').map(Number) as ExportRow['box'],
  }))
}

/** The definition of `srid` (OGC WKT) for a GeoPackage's gpkg_spatial_ref_sys and a Shapefile's .prj. */
export async function crsDefinition(sql: Queries, srid: number): Promise<string> {
  const [row]: [{ srtext: string }?] = await sql`select srtext from spatial_ref_sys where srid = ${srid}::int`
  if (!row) throw new Error(`EPSG:${srid} is missing from spatial_ref_sys`)
  return row.srtext
}
