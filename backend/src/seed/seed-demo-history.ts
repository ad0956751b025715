import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { findLayerByTable } from '../contract/layers.ts'
import type { Sql, Tx } from '../db/sql-client.ts'
import { storedGeometry } from '../layers/layer-writes.queries.ts'

// Past outlines of demo plots (geodata/plot_history.json), so the history and the "as of date"
// view can tell how a plot changed. The versions are replayed as real updates (the triggers bump
// the version, recompute the area and record history), then the history rows written by the
// replay are dated back. Only the plots listed in the file are touched, and each only once.

const polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1),
})

const plotHistory = z.object({
  external_id: z.string(),
  /** Past versions, oldest first. */
  versions: z
    .array(z.object({ changed_at: z.iso.datetime(), geometry: polygon, description: z.string() }))
    .min(1),
  /** Since when the plot looks as plots.geojson has it. */
  current_since: z.iso.datetime(),
})

export type PlotHistory = z.infer<typeof plotHistory>

/** Reads and checks a plot history file (dates must ascend). */
export function readPlotHistories(dir: string): PlotHistory[] {
  const items = z.array(plotHistory).parse(JSON.parse(readFileSync(join(dir, 'plot_history.json'), 'utf8')))
  for (const item of items) {
    const dates = [...item.versions.map((v) => v.changed_at), item.current_since].map((d) => Date.parse(d))
    if (dates.some((date, i) => i > 0 && date <= (dates[i - 1] ?? date))) {
      throw new Error(`plot_history.json: the dates of ${item.external_id} do not ascend`)
    }
  }
  return items
}

/**
 * Gives each listed plot its past versions unless it already has history from before its first
 * listed date; returns the external_ids of the plots it wrote, so seeding twice writes nothing.
 */
export async function seedPlotHistories(sql: Sql, histories: PlotHistory[]): Promise<string[]> {
  const written: string[] = []
  for (const item of histories) {
    let wrote = false
    await sql.begin(async (tx) => {
      wrote = await replayHistory(tx, item)
    })
    if (wrote) written.push(item.external_id)
  }
  return written
}

async function replayHistory(tx: Tx, item: PlotHistory): Promise<boolean> {
  const layer = findLayerByTable('plots')
  if (!layer) throw new Error('no plots layer')
  const first = item.versions[0]?.changed_at ?? item.current_since
  const [plot] = await tx<
    { id: number; geom: string; description: string | null; dated: boolean; edited: boolean }[]
  >`
    select p.id, p.geom::text as geom, p.description,
           exists (select 1 from history h where h.table_name = 'plots' and h.row_id = p.id
                      and h.changed_at <= ${first}::timestamptz) as dated,
           exists (select 1 from history h where h.table_name = 'plots' and h.row_id = p.id
                      and h.changed_by is not null) as edited
      from plots p where p.external_id = ${item.external_id}
     order by p.id limit 1`
  if (!plot) throw new Error(`plot_history.json: no plot with external_id ${item.external_id}`)
  // Already told, or edited by a person since the seed: a story in front of theirs would not fit.
  if (plot.dated || plot.edited) return false

  const steps = [
    ...item.versions.map((v) => ({
      at: v.changed_at,
      geom: storedGeometry(tx, layer, v.geometry),
      description: v.description,
    })),
    { at: item.current_since, geom: tx`${plot.geom}::geometry`, description: plot.description },
  ]
  const rows: number[] = []
  for (const [index, step] of steps.entries()) {
    const created = index === 0 ? tx`, created_at = ${step.at}::timestamptz` : tx``
    await tx`
      update plots set geom = ${step.geom}, description = ${step.description} ${created}
       where id = ${plot.id}`
    const [row] = await tx<{ id: number }[]>`
      select max(id)::int as id from history where table_name = 'plots' and row_id = ${plot.id}`
    if (row?.id == null) throw new Error(`no history was recorded for ${item.external_id}`)
    rows.push(row.id)
  }

  // The seed's own rows of today (its insert, re-imports) would follow the story with the
  // outline of today as if it were new: drop them; the oldest version becomes the insert.
  await tx`delete from history where table_name = 'plots' and row_id = ${plot.id} and id < ${rows[0] ?? 0}`
  for (const [index, id] of rows.entries()) {
    await tx`update history set changed_at = ${steps[index]?.at ?? ''}::timestamptz where id = ${id}`
  }
  await tx`update history set operation = 'insert', before = null where id = ${rows[0] ?? 0}`
  return true
}
