import { findLayer, type Layer } from '../contract/layers.ts'
import type { Queries } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'
import type { Bbox } from '../layers/layer-events.ts'
import { upsertFeature } from '../layers/layer-writes.queries.ts'

/** The plots layer of the registry: accepted offers write through its write path. */
export const plotsLayer = findLayer('plots') as Layer

/** The extent of a plot, for layer change events (null when it does not exist). */
export async function plotBbox(sql: Queries, plotId: number): Promise<Bbox | null> {
  const [row] = await sql<{ bbox: Bbox | null }[]>`
    select array[st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom)]::float8[] as bbox
      from plots where id = ${plotId}`
  return row?.bbox ?? null
}

export type PlotChange = { plotId: number; before: Bbox | null; after: Bbox | null }

/**
 * Turns an accepted offer into a plot: links `linkPlotId` (marking a fallow plot as offered) or
 * creates a plot with status 'offered' from the offer's drawn area through the layer write path.
 */
export async function plotFromOffer(
  sql: Queries,
  offer: { id: number; title: string; owner_party_id: number | null; plot_id: number | null },
  linkPlotId: number | undefined,
  name: string | undefined,
): Promise<PlotChange> {
  const existing = linkPlotId ?? offer.plot_id
  if (existing !== null && existing !== undefined) {
    const before = await plotBbox(sql, existing)
    if (!before)
      throw new Problem(422, 'unknown-plot', 'No such plot', `there is no plot ${existing} to link`)
    await sql`
      update plots set status = case when status = 'fallow' then 'offered' else status end,
             owner_party_id = coalesce(owner_party_id, ${offer.owner_party_id}::bigint)
       where id = ${existing}`
    return { plotId: existing, before, after: before }
  }
  const [drawn] = await sql<{ geometry: unknown }[]>`
    select st_asgeojson(geom, 15)::jsonb as geometry from offers where id = ${offer.id} and geom is not null`
  if (!drawn)
    throw new Problem(
      422,
      'offer-without-area',
      'The offer has no area',
      'link an existing plot (plot_id) instead',
    )
  const written = await upsertFeature(
    sql,
    plotsLayer,
    { name: name ?? `Angebotsfläche ${offer.id}`, status: 'offered', owner_party_id: offer.owner_party_id },
    drawn.geometry,
  )
  return { plotId: written.id, before: null, after: await plotBbox(sql, written.id) }
}
