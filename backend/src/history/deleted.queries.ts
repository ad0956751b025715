import { findLayerByTable, type Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import type { Bbox } from '../layers/layer-events.ts'
import { type Fragment, snapshotFeature } from './history.queries.ts'

// Deleted features come back from the history: the row as its deletion recorded it, under its
// own id, as a new version; rows of other tables whose reference the deletion cleared (ON DELETE
// SET NULL, in the same transaction) point to it again.

export type Deleted = {
  id: number
  /** The version the feature had when it was deleted. */
  version: number
  deletedAt: Date
  deletedBy: { name: string | null; email: string } | null
  feature: { type: 'Feature'; id: number; geometry: unknown; properties: Record<string, unknown> }
}

/** Features of `layer` whose last change is their deletion, newest first. */
export async function listDeleted(
  sql: Queries,
  layer: Layer,
  properties: readonly string[],
  limit = 50,
): Promise<Deleted[]> {
  const rows = await sql<(Omit<Deleted, 'deletedBy'> & { name: string | null; email: string | null })[]>`
    select h.row_id as id, h.version, h.changed_at as "deletedAt", u.display_name as name, u.email,
           ${snapshotFeature(sql, sql`h.before` as unknown as Fragment, properties)} as feature
      from (select distinct on (row_id) * from history
             where table_name = ${layer.table}
             order by row_id, id desc) as h
      left join users as u on u.id = h.changed_by
     where h.operation = 'delete'
       and not exists (select 1 from ${identifiers(sql, layer.table)} as t where t.id = h.row_id)
     order by h.changed_at desc, h.id desc
     limit ${limit}`
  return rows.map(({ name, email, ...row }) => ({
    ...row,
    id: Number(row.id),
    deletedBy: email === null ? null : { name, email },
  }))
}

export type Deletion = { historyId: number; version: number; row: Record<string, unknown> }

/** The last deletion of feature `id` (its history entry, the row as it was, its version then). */
export async function lastDeletion(sql: Queries, layer: Layer, id: number): Promise<Deletion | undefined> {
  const [row] = await sql<(Deletion & { operation: string })[]>`
    select id as "historyId", version, before as row, operation from history
     where table_name = ${layer.table} and row_id = ${id}::bigint
     order by id desc limit 1`
  if (row?.operation !== 'delete') return undefined
  return { historyId: Number(row.historyId), version: row.version, row: row.row }
}

/** Inserts the deleted row again under its id as version `version`; its extent. */
export async function reinsertRow(
  sql: Queries,
  layer: Layer,
  row: Record<string, unknown>,
  version: number,
): Promise<Bbox> {
  const table = identifiers(sql, layer.table)
  // The history holds the geometry as GeoJSON; the row type reads it as hex EWKB.
  const [inserted] = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }[]>`
    with snapshot as (select ${sql.json(row as never)}::jsonb as j)
    insert into ${table} overriding system value
    select (jsonb_populate_record(null::${table},
              snapshot.j || jsonb_build_object(
                'version', ${version}::int, 'updated_at', now(),
                'geom', encode(st_asewkb(st_setsrid(st_geomfromgeojson(snapshot.j -> 'geom'), 4326)), 'hex')))).*
      from snapshot
    returning st_xmin(geom) as xmin, st_ymin(geom) as ymin, st_xmax(geom) as xmax, st_ymax(geom) as ymax`
  if (!inserted) throw new Error(`re-inserting into ${layer.table} returned no row`)
  return [inserted.xmin, inserted.ymin, inserted.xmax, inserted.ymax]
}

/**
 * Points the references the deletion of `id` set to null (history entries of the same
 * transaction, same moment) back to it, where they are still null; the tables and rows changed.
 */
export async function relinkReferences(
  sql: Queries,
  layer: Layer,
  id: number,
  deletion: Deletion,
): Promise<{ layer: Layer | undefined; rowId: number; bbox: Bbox | null }[]> {
  const references = await sql<{ table: string; column: string }[]>`
    select cl.relname as table, a.attname as column
      from pg_constraint as c
      join pg_class as cl on cl.oid = c.conrelid
      join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f' and c.confdeltype = 'n' and cardinality(c.conkey) = 1
       and c.confrelid = ${layer.table}::regclass`
  const relinked: { layer: Layer | undefined; rowId: number; bbox: Bbox | null }[] = []
  for (const { table, column } of references) {
    const related = findLayerByTable(table)
    // Layers tell the tiles where they lie; other tables (offers) have no tiles.
    const extent = related
      ? sql`, st_xmin(t.geom) as xmin, st_ymin(t.geom) as ymin, st_xmax(t.geom) as xmax, st_ymax(t.geom) as ymax`
      : sql``
    const rows = await sql<{ id: number; xmin?: number; ymin?: number; xmax?: number; ymax?: number }[]>`
      update ${identifiers(sql, table)} as t set ${identifiers(sql, column)} = ${id}::bigint
       where t.${identifiers(sql, column)} is null
         and t.id in (select h.row_id from history as h
                       where h.table_name = ${table} and h.operation = 'update'
                         and h.changed_at = (select changed_at from history where id = ${deletion.historyId}::bigint)
                         and (h.before ->> ${column})::bigint = ${id}::bigint
                         and h.after ->> ${column} is null)
      returning t.id ${extent}`
    relinked.push(
      ...rows.map(({ id: rowId, xmin, ymin, xmax, ymax }) => ({
        layer: related,
        rowId: Number(rowId),
        bbox: xmin === undefined ? null : ([xmin, ymin, xmax, ymax] as Bbox),
      })),
    )
  }
  return relinked
}
