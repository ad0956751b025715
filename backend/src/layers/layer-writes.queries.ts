import { identifiers, type Queries } from '../db/sql-client.ts'
import type { Layer } from './layers.ts'

// Writing layer rows. Column names come only from a layer's zod schema (the allow-list), and
// Postgres converts JSON values to column types with jsonb_populate_record.

type Fragment = ReturnType<Queries['unsafe']>

/** The geometry of a GeoJSON object in `srid`, as the layer stores it: WGS 84, multi where the layer is. */
export function storedGeometry(sql: Queries, layer: Layer, geometry: unknown, srid = 4326): Fragment {
  const parsed = sql`st_setsrid(st_geomfromgeojson(${JSON.stringify(geometry)}), ${srid}::int)`
  const wgs84 = srid === 4326 ? parsed : sql`st_transform(${parsed}, 4326)`
  const multi = layer.geometryType.startsWith('Multi') ? sql`st_multi(${wgs84})` : wgs84
  return sql`${multi}::geometry(${sql.unsafe(layer.geometryType)}, 4326)` as unknown as Fragment
}

export type WriteResult = { id: number; version: number; inserted: boolean }

/**
 * Inserts a feature, or with an external_id that exists in its municipality, updates that row
 * (re-imports and seeds replace rather than duplicate).
 */
export async function upsertFeature(
  sql: Queries,
  layer: Layer,
  properties: Record<string, unknown>,
  geometry: unknown,
  srid = 4326,
): Promise<WriteResult> {
  const columns = Object.keys(properties)
  const table = identifiers(sql, layer.table)
  const names = identifiers(sql, columns)
  const record = sql`jsonb_populate_record(null::${table}, ${sql.json(properties as never)})`
  const conflict =
    'external_id' in properties && properties.external_id != null
      ? sql`on conflict (municipality, external_id) do update
              set (${names}, geom) = row(${identifiers(
                sql,
                columns.map((c) => `excluded.${c}`),
              )}, excluded.geom)`
      : sql``
  const [row] = await sql<{ id: number; version: number; inserted: boolean }[]>`
    insert into ${table} (${names}, geom)
    select ${names}, ${storedGeometry(sql, layer, geometry, srid)} from ${record}
    ${conflict}
    returning id, version, (xmax = 0) as inserted`
  if (!row) throw new Error(`insert into ${layer.table} returned no row`)
  return row
}
