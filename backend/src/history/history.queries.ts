import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'

// Reading the history table (001: one row per insert, update and delete of a layer row, with the
// row before and after as JSON). Properties leave only through the allow-list given by the
// caller; authors only when asked for (editors). PostgreSQL reshapes the JSON.

export type Fragment = ReturnType<Queries['unsafe']>

/** A history snapshot (a row as JSON) as a GeoJSON Feature with only `properties`. */
export function snapshotFeature(sql: Queries, snapshot: Fragment, properties: readonly string[]): Fragment {
  return sql`jsonb_build_object(
    'type', 'Feature', 'id', h.row_id,
    'geometry', (${snapshot} -> 'geom') - 'crs',
    'properties', (select coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
                     from jsonb_each(${snapshot}) as e where e.key = any(${[...properties]}::text[])))` as unknown as Fragment
}

export type Version = {
  version: number
  operation: 'insert' | 'update' | 'delete'
  changedAt: Date
  author: { name: string | null; email: string } | null
  /** The database role that wrote it when no Quartiersatlas user did (QGIS, psql); editors only. */
  databaseRole: string | null
  /** The client program of a desktop GIS write (editors only). */
  client: string | null
  /** The version this change overwrote without If-Match (desktop GIS, last writer wins). */
  replacedVersion: number | null
  /** The feature as it was after this change (before it, for a delete). */
  feature: { type: 'Feature'; id: number; geometry: unknown; properties: Record<string, unknown> }
}

/** Every recorded change of feature `id`, oldest first; authors only when `withAuthors`. */
export async function listVersions(
  sql: Queries,
  layer: Layer,
  id: number,
  properties: readonly string[],
  withAuthors: boolean,
): Promise<Version[]> {
  const rows = await sql<
    (Omit<Version, 'author'> & { authorName: string | null; authorEmail: string | null })[]
  >`
    select h.version, h.operation, h.changed_at as "changedAt",
           case when ${withAuthors}::boolean then u.display_name end as "authorName",
           case when ${withAuthors}::boolean then u.email end as "authorEmail",
           case when ${withAuthors}::boolean and h.changed_by is null then h.changed_by_role end
             as "databaseRole",
           case when ${withAuthors}::boolean then h.client end as client,
           h.replaced_version as "replacedVersion",
           ${snapshotFeature(sql, sql`coalesce(h.after, h.before)` as unknown as Fragment, properties)} as feature
      from history as h left join users as u on u.id = h.changed_by
     where h.table_name = ${layer.table} and h.row_id = ${id}::bigint
     order by h.changed_at, h.id`
  return rows.map(({ authorName, authorEmail, ...row }) => ({
    ...row,
    author: authorEmail === null ? null : { name: authorName, email: authorEmail },
  }))
}

/** The row of feature `id` as version `version` stored it (not a deletion), undefined if none. */
export async function versionSnapshot(
  sql: Queries,
  layer: Layer,
  id: number,
  version: number,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await sql<{ after: Record<string, unknown> }[]>`
    select h.after from history as h
     where h.table_name = ${layer.table} and h.row_id = ${id}::bigint and h.version = ${version}::int
       and h.operation <> 'delete'
     order by h.id desc limit 1`
  return row?.after
}

/** The moment a day ends in Leipzig and Dortmund: the start of the next day, Berlin time. */
export function endOfDay(sql: Queries, date: string): Fragment {
  return sql`((${date}::date + 1)::timestamp at time zone 'Europe/Berlin')` as unknown as Fragment
}

/**
 * The features of `layer` as they were at `moment`: for every row, its last change before then,
 * unless that was its deletion. Each feature carries its `version` then.
 */
export async function featuresAsOf(
  sql: Queries,
  layer: Layer,
  moment: Fragment,
  properties: readonly string[],
): Promise<unknown[]> {
  // "Last" by time, not by id: imported histories (the demo's past outlines) are dated back.
  const rows = await sql<{ feature: unknown }[]>`
    select ${snapshotFeature(sql, sql`h.after` as unknown as Fragment, properties)}
             || jsonb_build_object('version', h.version) as feature
      from (select distinct on (row_id) row_id, operation, version, after
              from history
             where table_name = ${layer.table} and changed_at < ${moment}
             order by row_id, changed_at desc, id desc) as h
     where h.operation <> 'delete'
     order by h.row_id`
  return rows.map((row) => row.feature)
}

/** Whether feature `id` exists now (restores need a living feature). */
export async function featureExists(sql: Queries, layer: Layer, id: number): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`
    select exists (select 1 from ${identifiers(sql, layer.table)} where id = ${id}::bigint) as found`
  return row?.found ?? false
}
