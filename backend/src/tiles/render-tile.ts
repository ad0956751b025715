import type { Layer } from '../contract/layers.ts'
import { labelLayerName, labelledAt } from '../contract/tile-properties.ts'
import type { Database } from '../db/database.ts'
import type { Queries } from '../db/sql-client.ts'
import { encodeMvt, type MvtFeature, type TileGeometry } from './encode-mvt.ts'
import { postgisLabels, tileSpaceLabels } from './label-points.queries.ts'
import { type LayerTile, postgisLayer, shownAt, tileSpaceRows } from './tile.queries.ts'
import type { TileColumns } from './tile-columns.queries.ts'
import type { Tile } from './tile-coordinates.ts'

// The one place that decides how a tile is encoded: by ST_AsMVT where PostGIS has it
// (db.capabilities.mvt, probed at start), else in JS from tile-space rows. Both give the same
// features, ids, properties and geometry (tested on PostgreSQL, where both run).

export type Encoder = 'postgis' | 'js'

/** The encoder this database supports best. */
export function encoderOf(db: Database): Encoder {
  return db.capabilities.mvt ? 'postgis' : 'js'
}

export type RenderOptions = {
  encoder?: Encoder
  /** The connection or transaction to run on (the database's pool by default). */
  via?: Queries
  /**
   * Add the label points of the layers among `layers` labelled at this zoom (labelsFrom in
   * contract/tile-properties.ts), as
   * the map's combined tiles do; a collection's own tiles hold its features only, as a plain
   * ST_AsMVT would.
   */
  labels?: boolean
}

/**
 * The MVT bytes of `layers` (each its own MVT layer, named by collection id) at `tile`, with the
 * public properties of `columns`; empty when nothing is there.
 */
export async function renderTile(
  db: Database,
  columns: TileColumns,
  layers: readonly Layer[],
  tile: Tile,
  { encoder = encoderOf(db), via = db.sql, labels = false }: RenderOptions = {},
): Promise<Uint8Array> {
  const shown = layers.filter((layer) => shownAt(layer, tile.z))
  if (shown.length === 0) return new Uint8Array()
  const part = (layer: Layer): LayerTile => ({ layer, columns: columns.get(layer.id) ?? [], tile })
  const parts = shown.map(part)
  const labelled = labels ? shown.filter((layer) => labelledAt(layer.id, tile.z)).map(part) : []
  return encoder === 'postgis' ? postgisTile(via, parts, labelled) : jsTile(via, parts, labelled)
}

// One statement for all layers: MVT layers are protobuf messages, so their bytes concatenate.
// It runs with the server's planner settings: turning JIT and parallel workers off in a tile
// transaction measured no faster (bench/RESULTS.md) and costs three more round trips.
async function postgisTile(sql: Queries, parts: LayerTile[], labelled: LayerTile[]): Promise<Uint8Array> {
  const statements = [
    ...parts.map((part) => postgisLayer(sql, part)),
    ...labelled.map((part) => postgisLabels(sql, part)),
  ]
  const layers = statements.reduce(
    (all, statement, index) => (index === 0 ? sql`(${statement})` : sql`${all} || (${statement})`),
    sql``,
  )
  const [row] = await sql<{ mvt: Uint8Array }[]>`select ${layers} as mvt`
  return new Uint8Array(row?.mvt ?? [])
}

type TileRow = { layer: string; id: number; properties: MvtFeature['properties']; geometry: string }

async function jsTile(sql: Queries, parts: LayerTile[], labelled: LayerTile[]): Promise<Uint8Array> {
  const statements = [
    ...parts.map((part) => tileSpaceRows(sql, part)),
    ...labelled.map((part) => tileSpaceLabels(sql, part)),
  ]
  const union = statements.reduce(
    (all, statement, index) => (index === 0 ? sql`(${statement})` : sql`${all} union all (${statement})`),
    sql``,
  )
  const rows = await sql<TileRow[]>`${union}`
  const byLayer = new Map<string, MvtFeature[]>([
    ...parts.map((part) => [part.layer.id, []] as [string, MvtFeature[]]),
    ...labelled.map((part) => [labelLayerName(part.layer.id), []] as [string, MvtFeature[]]),
  ])
  for (const row of rows) {
    byLayer.get(row.layer)?.push({
      id: row.id,
      properties: row.properties,
      geometry: JSON.parse(row.geometry) as TileGeometry,
    })
  }
  return encodeMvt([...byLayer].map(([name, features]) => ({ name, features })))
}
