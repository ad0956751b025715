import type { Queries } from '../db/sql-client.ts'
import type { SearchRow } from './search.queries.ts'

// Streets and addresses from the reference map's address table (sql/014_reference_map.sql),
// ranked in the same tiers as features: an exact "Josephstraße 12" or "Heinrichstraße" is 1, a
// street or address starting with the query 0.8, a street with a word starting with it 0.7, a
// street holding every word 0.5; plus up to 0.09 for how much of the name the query covers.
// Addresses are only looked for when the query holds a number, so "Josephstraße" lists the
// street once rather than every house on it.

type Found = {
  kind: 'streets' | 'addresses'
  id: number
  name: string
  postcode: string | null
  source: string | null
  tier: number
  score: number
} & Record<'x' | 'y' | 'w' | 's' | 'e' | 'n', number>

/** Streets and addresses matching `query`, best first, as search rows (collection streets or addresses). */
export async function searchAddresses(sql: Queries, query: string, limit: number): Promise<SearchRow[]> {
  const rows = await sql<Found[]>`
    with query as (
      select q, array(select '%' || w || '%' from unnest(array_remove(string_to_array(q, ' '), '')) as w) as anywhere
        from (select search_fold(${query}) as q) as folded
    ),
    streets as (
      select 'streets' as kind, min(a.id) as id, min(a.street) as name, min(a.postcode) as postcode, null as source,
             case when a.street_f = query.q then 1.0
                  when starts_with(a.street_f, query.q) then 0.8
                  when ' ' || a.street_f like '% ' || query.q || '%' then 0.7
                  else 0.5 end as tier,
             a.street_f as name_f, st_collect(a.geom) as g
        from addresses a, query
       where cardinality(query.anywhere) > 0 and a.street_f like all (query.anywhere)
       group by a.street_f, query.q
    ),
    houses as (
      select 'addresses' as kind, a.id, a.street || ' ' || a.housenumber as name, a.postcode, a.source,
             case when a.label_f = query.q then 1.0 else 0.8 end as tier, a.label_f as name_f, a.geom as g
        from addresses a, query
       where query.q ~ '[0-9]' and a.label_f like query.q || '%'
       order by a.label_f = query.q desc, length(a.label_f), a.label_f
       limit ${limit}
    ),
    found as (
      select * from (select * from streets order by tier desc, length(name_f), name_f limit ${limit}) as s
      union all select * from houses
    )
    select kind, id, name, postcode, source, tier::float8 as tier,
           round(case when tier < 1
                      then least(tier + 0.09 * length(query.q)::float8 / greatest(length(name_f), length(query.q), 1), 0.999)
                      else 1 end::numeric, 3)::float8 as score,
           round(st_x(p)::numeric, 6)::float8 as x, round(st_y(p)::numeric, 6)::float8 as y,
           round(st_xmin(g)::numeric, 6)::float8 as w, round(st_ymin(g)::numeric, 6)::float8 as s,
           round(st_xmax(g)::numeric, 6)::float8 as e, round(st_ymax(g)::numeric, 6)::float8 as n
      from (select *, st_closestpoint(g, st_centroid(g)) as p from found) as f, query`
  return rows.map((row) => ({
    collection: row.kind,
    id: row.id,
    name: row.name,
    facts: { postcode: row.postcode, source: row.source },
    center: [row.x, row.y],
    bbox: [row.w, row.s, row.e, row.n],
    score: row.score,
    tier: row.tier,
    reference: true,
  }))
}
