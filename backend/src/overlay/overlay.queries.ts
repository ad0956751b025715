import { fieldsOfAction, keysOf, plotStatuses, programmes } from '../contract/vocabulary.ts'
import type { Queries } from '../db/sql-client.ts'
import type { OverlayQuery } from './overlay.schema.ts'

// The city's figures per programme area, all computed by PostGIS in the area's official CRS.
// A plot, measure or other area counts for an area when their interiors meet (sharing only a
// boundary does not count). Plot hectares are the part of each plot inside the area, so a plot
// across the boundary is counted once in each area but only with its share of land (plots wholly
// inside skip the costly intersection). Interim use
// is the union of the plots of active or ending agreements (the interim_uses view), clipped to
// the area. "Ending within 12 months" means term_end in [today, today + 12 months].

export type OverlayArea = {
  id: number
  name: string
  municipality: string
  city: string
  programme: string
  period_start: string | null
  period_end: string | null
  area_ha: number
  bbox: [number, number, number, number]
  plots: Record<string, { count: number; ha: number }>
  interim_use_ha: number
  interim_use_share: number
  agreements_ending_12m: number
  measures: Record<string, number>
  overlaps: { id: number; name: string; programme: string; overlap_ha: number }[]
}

/** Figures for every programme area of the chosen programmes whose period meets [from, to]. */
export async function overlayFigures(sql: Queries, query: OverlayQuery): Promise<OverlayArea[]> {
  const chosen = query.programmes ?? keysOf(programmes)
  const rows = await sql<OverlayArea[]>`
    with areas as (
      select pa.id, pa.name, pa.municipality, m.name as city, pa.programme, pa.period_start, pa.period_end, pa.geom,
             official_srid(pa.municipality) as srid,
             st_transform(pa.geom, official_srid(pa.municipality)) as projected
        from programme_areas pa join municipalities m on m.ags = pa.municipality
       where pa.programme in ${sql(chosen)}
         and (${query.to ?? null}::date is null or pa.period_start is null or pa.period_start <= ${query.to ?? null}::date)
         and (${query.from ?? null}::date is null or pa.period_end is null or pa.period_end >= ${query.from ?? null}::date)
         and (${query.municipality ?? null}::char(8) is null or pa.municipality = ${query.municipality ?? null}::char(8))
    ),
    figures as (
      select a.id, a.name, a.municipality, a.city, a.programme, a.period_start, a.period_end,
             jsonb_build_array(st_xmin(a.geom), st_ymin(a.geom), st_xmax(a.geom), st_ymax(a.geom)) as bbox,
             st_area(a.projected) as area_m2,
             (select coalesce(jsonb_object_agg(status, jsonb_build_object('count', n, 'ha', ha)), '{}')
                from (select p.status, count(*) as n,
                             round((sum(case when st_coveredby(p.geom, a.geom) then st_area(st_transform(p.geom, a.srid))
                                               else st_area(st_intersection(st_transform(p.geom, a.srid), a.projected))
                                          end) / 1e4)::numeric, 4) as ha
                        from plots p
                       where st_intersects(p.geom, a.geom) and not st_touches(p.geom, a.geom)
                       group by p.status) by_status) as plots,
             (select coalesce(st_area(st_intersection(st_union(st_transform(iu.geom, a.srid)), a.projected)), 0)
                from interim_uses iu
               where st_intersects(iu.geom, a.geom) and not st_touches(iu.geom, a.geom)) as interim_use_m2,
             (select count(*)
                from interim_uses iu
               where iu.term_end between current_date and (current_date + interval '12 months')::date
                 and st_intersects(iu.geom, a.geom) and not st_touches(iu.geom, a.geom))::int as agreements_ending_12m,
             (select coalesce(jsonb_object_agg(field_of_action, n), '{}')
                from (select m.field_of_action, count(*) as n
                        from measures m
                       where st_intersects(m.geom, a.geom) and not st_touches(m.geom, a.geom)
                       group by m.field_of_action) by_field) as measures,
             (select coalesce(jsonb_agg(other_area order by other_area->>'name', other_area->>'id'), '[]')
                from (select jsonb_build_object('id', o.id, 'name', o.name, 'programme', o.programme,
                               'overlap_ha', round((st_area(st_intersection(st_transform(o.geom, a.srid), a.projected)) / 1e4)::numeric, 4)) as other_area
                        from programme_areas o
                       where o.id <> a.id and st_intersects(o.geom, a.geom) and not st_touches(o.geom, a.geom)) others) as "overlaps"
        from areas a
    )
    select id, name, municipality, city, programme, period_start, period_end,
           round((area_m2 / 1e4)::numeric, 4)::float8 as area_ha, bbox, plots,
           round((interim_use_m2 / 1e4)::numeric, 4)::float8 as interim_use_ha,
           round((interim_use_m2 / nullif(area_m2, 0))::numeric, 6)::float8 as interim_use_share,
           agreements_ending_12m, measures, "overlaps"
      from figures
     order by city, name, period_start nulls first, id`
  return rows.map((row) => ({
    ...row,
    interim_use_share: row.interim_use_share ?? 0,
    plots: Object.fromEntries(
      keysOf(plotStatuses).map((status) => [status, row.plots[status] ?? { count: 0, ha: 0 }]),
    ),
    measures: Object.fromEntries(keysOf(fieldsOfAction).map((field) => [field, row.measures[field] ?? 0])),
  }))
}

/** Whether a municipality with this AGS exists. */
export async function municipalityExists(sql: Queries, ags: string): Promise<boolean> {
  const [row]: [{ found: boolean }?] = await sql`
    select exists (select 1 from municipalities where ags = ${ags}) as found`
  return row?.found ?? false
}
