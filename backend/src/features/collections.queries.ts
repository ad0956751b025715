import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import { inCollection } from '../layers/collection-rows.ts'

export type Extent = {
  /** [minLon, minLat, maxLon, maxLat], null when the collection is empty. */
  bbox: [number, number, number, number] | null
  /** [start, end] as RFC 3339 date-times in UTC, null ends open; only for layers with a time span. */
  interval: [string | null, string | null] | null
}

/** The spatial extent (PostGIS st_extent) and, where the layer has one, the temporal extent. */
export async function collectionExtent(sql: Queries, layer: Layer): Promise<Extent> {
  const table = identifiers(sql, layer.table)
  const temporal = layer.temporal
  // RFC 3339 date-times as OGC API Features wants them: a start date from its first second, an
  // end date (the last day of a term) to its last second.
  const time = temporal
    ? sql`, case when bool_or(${sql(temporal.start)} is null) then null
                 else to_char(min(${sql(temporal.start)}), 'YYYY-MM-DD"T"00:00:00"Z"') end as start,
           case when bool_or(${sql(temporal.end)} is null) then null
                 else to_char(max(${sql(temporal.end)}), 'YYYY-MM-DD"T"23:59:59"Z"') end as "end"`
    : sql`, null::text as start, null::text as "end"`
  const [row] = await sql<
    {
      xmin: number | null
      ymin: number | null
      xmax: number | null
      ymax: number | null
      start: string | null
      end: string | null
      count: number
    }[]
  >`
    select st_xmin(e) as xmin, st_ymin(e) as ymin, st_xmax(e) as xmax, st_ymax(e) as ymax, start, "end", count
      from (select st_extent(geom) as e, count(*) as count ${time} from ${table} where ${inCollection(sql, layer)}) as extent`
  if (!row) return { bbox: null, interval: null }
  const bbox =
    row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null
      ? null
      : ([row.xmin, row.ymin, row.xmax, row.ymax] as [number, number, number, number])
  return { bbox, interval: temporal && row.count > 0 ? [row.start, row.end] : null }
}
