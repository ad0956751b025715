import { identifiers, type Queries } from '../db/sql-client.ts'
import { findLayer } from '../layers/layers.ts'
import { type SearchFields, searchFields } from './search-fields.ts'

// One statement searches every public layer. Both the texts and the query go through
// search_fold (sql/006_search.sql); every word of the query must occur somewhere in a feature's
// public texts. The score puts, in tiers: the exact name, then names starting with the query,
// names with a word starting with it, names holding all words, then address-like fields, then
// descriptions; inside a tier, names the query covers more of rank higher, and on a tie the
// layer listed first in searchFields (plots before places before interim uses …) comes first.

export type SearchRow = {
  collection: string
  id: number
  name: string
  facts: Record<string, string | null>
  center: [number, number]
  bbox: [number, number, number, number]
  score: number
}

/** Public features whose name, address or description match `query`, best first. */
export async function searchFeatures(sql: Queries, query: string, limit: number): Promise<SearchRow[]> {
  const documents = searchFields
    .map((fields, rank) => layerDocuments(sql, fields, rank))
    .reduce((all, next) => sql`${all} union all ${next}`)
  const rows = await sql<
    (Omit<SearchRow, 'center' | 'bbox'> & Record<'x' | 'y' | 'w' | 's' | 'e' | 'n', number>)[]
  >`
    with query as (
      select q, array_remove(string_to_array(q, ' '), '') as words
        from (select search_fold(${query}) as q) folded
    ),
    documents as (${documents}),
    folded as (
      select d.collection, d.rank, d.id, d.name, d.facts, d.geom,
             search_fold(d.name) as name_f,
             search_fold(d.name) || ' ' || search_fold(d.secondary) as near_f,
             search_fold(d.body) as body_f
        from documents d
    ),
    ranked as (
      select f.*, case
          when f.name_f = query.q then 1.0
          when starts_with(f.name_f, query.q) then 0.8
          when strpos(' ' || f.name_f, ' ' || query.q) > 0 then 0.7
          when search_starts_all(f.name_f, query.words) then 0.6
          when search_contains_all(f.name_f, query.words) then 0.5
          when search_starts_all(f.near_f, query.words) then 0.4
          when search_contains_all(f.near_f, query.words) then 0.3
          else 0.1
        end as tier,
        length(query.q)::float8 / greatest(length(f.name_f), length(query.q), 1) as coverage
        from folded f, query
       where cardinality(query.words) > 0
         and search_contains_all(f.near_f || ' ' || f.body_f, query.words)
    ),
    best as (
      select *, round(least(1.0, tier + case when tier < 1 then 0.09 * coverage else 0 end)::numeric, 3)
             as score
        from ranked
       order by score desc, rank, name, id
       limit ${limit}
    )
    select collection, id, name, facts, score::float8 as score,
           round(st_x(center)::numeric, 6)::float8 as x, round(st_y(center)::numeric, 6)::float8 as y,
           round(st_xmin(geom)::numeric, 6)::float8 as w, round(st_ymin(geom)::numeric, 6)::float8 as s,
           round(st_xmax(geom)::numeric, 6)::float8 as e, round(st_ymax(geom)::numeric, 6)::float8 as n
      from (select *, st_pointonsurface(geom) as center from best) placed
     order by score desc, rank, name, id`
  return rows.map(({ x, y, w, s, e, n, ...row }) => ({ ...row, center: [x, y], bbox: [w, s, e, n] }))
}

// The texts and facts of one layer's features, from its public columns only.
function layerDocuments(sql: Queries, fields: SearchFields, rank: number) {
  const layer = findLayer(fields.collection)
  if (!layer) throw new Error(`search: no layer ${fields.collection}`)
  const texts = (columns: readonly string[]) =>
    columns.length > 0 ? sql`concat_ws(' ', ${identifiers(sql, columns)})` : sql`''`
  return sql`
    select ${fields.collection}::text as collection, ${rank}::int as rank, id, name::text as name,
           ${texts(fields.secondary)} as secondary, ${texts(fields.body)} as body,
           (select to_jsonb(facts) from (select ${identifiers(sql, fields.facts)}) facts) as facts,
           geom
      from ${identifiers(sql, layer.table)}`
}
