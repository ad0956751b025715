import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import { inCollection } from './collection-rows.ts'
import type { Bbox } from './layer-events.ts'

// Writing layer rows. Column names come only from a layer's zod schema (the allow-list), and
// Postgres converts JSON values to column types with jsonb_populate_record.

type Fragment = ReturnType<Queries['unsafe']>

/** Well-known binary geometry, as imports hand it over after PostGIS checked it. */
export type WkbGeometry = { readonly wkb: Uint8Array }

const isWkb = (geometry: unknown): geometry is WkbGeometry =>
  typeof geometry === 'object' && geometry !== null && (geometry as WkbGeometry).wkb instanceof Uint8Array

/** The geometry of a GeoJSON object (or WKB) in `srid`, as the layer stores it: WGS 84, multi where the layer is. */
export function storedGeometry(sql: Queries, layer: Layer, geometry: unknown, srid = 4326): Fragment {
  const parsed = isWkb(geometry)
    ? sql`st_geomfromwkb(${geometry.wkb as Buffer}::bytea, ${srid}::int)`
    : sql`st_setsrid(st_geomfromgeojson(${JSON.stringify(geometry)}), ${srid}::int)`
  const wgs84 = srid === 4326 ? parsed : sql`st_transform(${parsed}, 4326)`
  const multi = layer.geometryType.startsWith('Multi') ? sql`st_multi(${wgs84})` : wgs84
  return sql`${multi}::geometry(${sql.unsafe(layer.geometryType)}, 4326)` as unknown as Fragment
}

/** The lon/lat extent of a geometry column as four columns xmin, ymin, xmax, ymax. */
function extentOf(sql: Queries, alias: string, prefix: string): Fragment {
  const geom = identifiers(sql, [alias])
  const name = (corner: string) => identifiers(sql, [`${prefix}${corner}`])
  return sql`st_xmin(${geom}.geom) as ${name('xmin')}, st_ymin(${geom}.geom) as ${name('ymin')},
             st_xmax(${geom}.geom) as ${name('xmax')}, st_ymax(${geom}.geom) as ${name('ymax')}` as unknown as Fragment
}

type Corners = { xmin: number; ymin: number; xmax: number; ymax: number }
const bbox = (row: Corners): Bbox => [row.xmin, row.ymin, row.xmax, row.ymax]

export type WriteResult = { id: number; version: number; inserted: boolean; bbox: Bbox }

/**
 * Inserts a feature, or with an external_id that exists in its municipality, updates that row
 * (re-imports and seeds replace rather than duplicate). With `onConflict: 'refuse'` (API
 * creates) an existing external_id is a unique violation instead, so a create never overwrites.
 */
export async function upsertFeature(
  sql: Queries,
  layer: Layer,
  properties: Record<string, unknown>,
  geometry: unknown,
  srid = 4326,
  options: { onConflict: 'update' | 'refuse' } = { onConflict: 'update' },
): Promise<WriteResult> {
  const columns = Object.keys(properties)
  const table = identifiers(sql, layer.table)
  const names = identifiers(sql, columns)
  const record = sql`jsonb_populate_record(null::${table}, ${sql.json(properties as never)})`
  const conflict =
    options.onConflict === 'update' && 'external_id' in properties && properties.external_id != null
      ? sql`on conflict (municipality, external_id) do update
              set (${names}, geom) = row(${identifiers(
                sql,
                columns.map((c) => `excluded.${c}`),
              )}, excluded.geom)`
      : sql``
  const [row] = await sql<({ id: number; version: number; inserted: boolean } & Corners)[]>`
    insert into ${table} as t (${names}, geom)
    select ${names}, ${storedGeometry(sql, layer, geometry, srid)} from ${record}
    ${conflict}
    returning id, version, (xmax = 0) as inserted, ${extentOf(sql, 't', '')}`
  if (!row) throw new Error(`insert into ${layer.table} returned no row`)
  return { id: row.id, version: row.version, inserted: row.inserted, bbox: bbox(row) }
}

export type FeatureChange = {
  /** Columns and their new values (validated against the layer's schema). */
  set: Record<string, unknown>
  /** Columns that go back to their default (RFC 7396 null, or left out of a replacement). */
  reset: readonly string[]
  /** A new geometry in `srid`, or undefined to keep the stored one. */
  geometry?: unknown
  srid?: number
}

export type ChangeResult = { id: number; version: number; before: Bbox; after: Bbox | null }

/** The version check of a write; `null` (a desktop GIS write without If-Match) checks none. */
function versionIs(sql: Queries, version: number | null): Fragment {
  return (version === null ? sql`true` : sql`t.version = ${version}::int`) as unknown as Fragment
}

/**
 * Updates feature `id` only if its version is still `version`: the check and the write are one
 * statement, so of concurrent writers holding the same version exactly one succeeds. Undefined
 * when no row matched (unknown id or a newer version: see currentVersion).
 */
export async function updateFeature(
  sql: Queries,
  layer: Layer,
  id: number,
  version: number | null,
  change: FeatureChange,
): Promise<ChangeResult | undefined> {
  const table = identifiers(sql, layer.table)
  const column = (name: string) => identifiers(sql, name)
  const assignments = [
    ...Object.keys(change.set).map((name) => sql`, ${column(name)} = r.${column(name)}`),
    ...change.reset.map((name) => sql`, ${column(name)} = default`),
    ...(change.geometry === undefined
      ? []
      : [sql`, geom = ${storedGeometry(sql, layer, change.geometry, change.srid ?? 4326)}`]),
  ]
  const [row] = await sql<({ id: number; version: number } & Record<string, number>)[]>`
    update ${table} as t
       set updated_at = now() ${assignments}
      from (select id as old_id, ${extentOf(sql, 'o', 'old_')} from ${table} as o where id = ${id}::bigint) as old,
           jsonb_populate_record(null::${table}, ${sql.json(change.set as never)}) as r
     where t.id = old.old_id and t.id = ${id}::bigint and ${versionIs(sql, version)}
       and ${inCollection(sql, layer, 't')}
    returning t.id, t.version, old.old_xmin, old.old_ymin, old.old_xmax, old.old_ymax, ${extentOf(sql, 't', '')}`
  if (!row) return undefined
  const before = { xmin: row.old_xmin, ymin: row.old_ymin, xmax: row.old_xmax, ymax: row.old_ymax } as Corners
  return { id: row.id, version: row.version, before: bbox(before), after: bbox(row as unknown as Corners) }
}

/** Deletes feature `id` only if its version is still `version`; undefined when no row matched. */
export async function deleteFeature(
  sql: Queries,
  layer: Layer,
  id: number,
  version: number | null,
): Promise<ChangeResult | undefined> {
  const [row] = await sql<({ id: number; version: number } & Corners)[]>`
    delete from ${identifiers(sql, layer.table)} as t
     where t.id = ${id}::bigint and ${versionIs(sql, version)} and ${inCollection(sql, layer, 't')}
    returning t.id, t.version, ${extentOf(sql, 't', '')}`
  if (!row) return undefined
  return { id: row.id, version: row.version, before: bbox(row), after: null }
}

/**
 * The current version of feature `id`, undefined when it does not exist; with `lock`, the row
 * stays locked until the transaction ends, so the version read is the one a write replaces.
 */
export async function currentVersion(
  sql: Queries,
  layer: Layer,
  id: number,
  { lock = false } = {},
): Promise<number | undefined> {
  const [row] = await sql<{ version: number }[]>`
    select version from ${identifiers(sql, layer.table)} where id = ${id}::bigint and ${inCollection(sql, layer)}
    ${lock ? sql`for update` : sql``}`
  return row?.version
}
