import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'

// Where a feature lies: the programme areas and official districts whose interior it shares
// (touching a boundary does not count), each with the share of the feature inside it — of its
// area for polygons, of its length for lines, 1 for points — most-overlapping first. Shares and
// measures are computed in the municipality's official CRS.

export type Container = { id: number; name: string; share: number }
export type FeatureContext = {
  programmeAreas: (Container & {
    programme: string
    period_start: string | null
    period_end: string | null
  })[]
  districts: (Container & { key: string })[]
  area_m2: number | null
  length_m: number | null
}

/** The context of one feature of `layer`, or undefined when there is no such feature. */
export async function featureContext(
  sql: Queries,
  layer: Layer,
  id: number,
): Promise<FeatureContext | undefined> {
  const table = identifiers(sql, layer.table)
  const area = layer.measures.includes('area_m2') ? sql`area_m2` : sql`null::numeric`
  const length = layer.measures.includes('length_m') ? sql`length_m` : sql`null::numeric`
  const [feature]: [{ dimension: number; area_m2: number | null; length_m: number | null }?] = await sql`
    select st_dimension(geom) as dimension, ${area} as area_m2, ${length} as length_m
      from ${table} where id = ${id}`
  if (!feature) return undefined
  const [programmeAreas, districts] = await Promise.all([
    containers<FeatureContext['programmeAreas'][number]>(sql, layer, id, 'programme_areas', [
      'programme',
      'period_start',
      'period_end',
    ]),
    containers<FeatureContext['districts'][number]>(sql, layer, id, 'districts', ['key']),
  ])
  return {
    programmeAreas,
    districts,
    // A measure's area is 0 when it is a point or a line: say none rather than zero.
    area_m2: feature.dimension === 2 ? feature.area_m2 : null,
    length_m: feature.dimension === 1 ? feature.length_m : null,
  }
}

async function containers<T extends Container>(
  sql: Queries,
  layer: Layer,
  id: number,
  containerTable: 'programme_areas' | 'districts',
  columns: readonly string[],
): Promise<T[]> {
  const notItself = layer.table === containerTable ? sql`and c.id <> ${id}` : sql``
  return sql<T[]>`
    with feature as (
      select st_transform(geom, official_srid(municipality)) as projected, geom,
             official_srid(municipality) as srid
        from ${identifiers(sql, layer.table)} where id = ${id}
    ),
    inside as (
      select c.id, c.name, ${identifiers(
        sql,
        columns.map((column) => `c.${column}`),
      )},
             case st_dimension(f.geom)
               when 2 then st_area(st_intersection(st_transform(c.geom, f.srid), f.projected))
                           / nullif(st_area(f.projected), 0)
               when 1 then st_length(st_intersection(st_transform(c.geom, f.srid), f.projected))
                           / nullif(st_length(f.projected), 0)
               else 1
             end as share
        from ${identifiers(sql, containerTable)} c, feature f
       where st_intersects(c.geom, f.geom) and not st_touches(c.geom, f.geom) ${notItself}
    )
    select id, name, ${identifiers(sql, columns)},
           round(least(coalesce(share, 1), 1)::numeric, 4)::float8 as share
      from inside
     order by share desc nulls last, name, id`
}
