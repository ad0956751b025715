import { findLayer, type Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import { type SearchFields, searchFields } from './search-fields.ts'
import { searchAddresses } from './search-reference.queries.ts'

// Search in two statements: the first ranks every public layer's features on folded text (kept
// in search_texts by triggers, see sql/006_search.sql) and keeps the best `limit`; the second
// reads the name, facts and placement of just those. Texts and query both go through
// search_fold; every word of the query must occur somewhere in a feature's public texts
// (`like all` over patterns made once per query, so no subquery runs per row). The score puts, in tiers: the exact name, names starting with the
// query, names with a word starting with it, names with all words starting words, names holding
// all words, then address-like fields, then descriptions; inside a tier, names the query covers
// more of rank higher, and on a tie the layer listed first in searchFields comes first. A code or
// key equal to the query ("WK7") ranks just below an exact name; an address that starts with the
// query's words ranks with names that have a word starting with it. Reference data (districts,
// stations, streets and addresses) follows our own features of the same tier.
// A house address of ours on exactly the queried street, or exactly the queried street and number
// ("Stuttgarter Allee" or "Stuttgarter Allee 19" for the Stadtteilladen at Stuttgarter Allee 19,
// 04209 Leipzig), is as good as the reference street or address that matches exactly: it is in
// tier 1 with them, so ours comes first, after our exact names (score 0.99). Before, it ranked as
// a word of a name (0.7) under the street, and under features whose short names the query
// "covered" more although it never matched those names. An address naming only the street
// ("Josephstraße, 04177 Leipzig") pins a feature no closer than the street itself and keeps 0.7.

export type SearchRow = {
  collection: string
  id: number
  name: string
  facts: Record<string, string | null>
  center: [number, number]
  bbox: [number, number, number, number]
  score: number
  /** The ranking tier: 1 an exact name, 0.95 an exact code, … 0.1 a description. */
  tier: number
  /** Reference data shipped with the project rather than our own features. */
  reference: boolean
}

type Hit = { rank: number; id: number; score: number; tier: number }
type Placement = { rank: number; id: number; name: string; facts: SearchRow['facts'] } & Record<
  'x' | 'y' | 'w' | 's' | 'e' | 'n',
  number
>

const searched = searchFields.map((fields) => {
  const layer = findLayer(fields.collection)
  if (!layer) throw new Error(`search: no layer ${fields.collection}`)
  return { fields, layer }
})
const referenceRanks = searched.flatMap(({ layer }, rank) => (layer.reference ? [rank] : []))

/** Public features whose name, address or description match `query`, best first. */
export async function searchFeatures(sql: Queries, query: string, limit: number): Promise<SearchRow[]> {
  const [hits, addresses] = await Promise.all([
    rankFeatures(sql, query, limit),
    searchAddresses(sql, query, limit),
  ])
  const features = await placeHits(sql, hits)
  return [...features, ...addresses]
    .sort((a, b) => b.tier - a.tier || Number(a.reference) - Number(b.reference) || b.score - a.score)
    .slice(0, limit)
}

async function placeHits(sql: Queries, hits: Hit[]): Promise<SearchRow[]> {
  if (hits.length === 0) return []
  const placements = await sql<Placement[]>`${unionAll(
    sql,
    searched.flatMap(({ fields, layer }, rank) => {
      const ids = hits.filter((hit) => hit.rank === rank).map((hit) => hit.id)
      return ids.length > 0 ? [placeFeatures(sql, fields, layer, rank, ids)] : []
    }),
  )}`
  const byKey = new Map(placements.map((p) => [`${p.rank}/${p.id}`, p]))
  return hits.flatMap((hit) => {
    const place = byKey.get(`${hit.rank}/${hit.id}`)
    const layer = searched[hit.rank]?.layer
    if (!place || !layer) return []
    return [
      {
        collection: layer.id,
        id: hit.id,
        name: place.name,
        facts: place.facts,
        center: [place.x, place.y],
        bbox: [place.w, place.s, place.e, place.n],
        score: hit.score,
        tier: hit.tier,
        reference: layer.reference === true,
      },
    ]
  })
}

async function rankFeatures(sql: Queries, query: string, limit: number): Promise<Hit[]> {
  const stored = searched.filter(({ fields }) => !fields.live).map(({ layer }) => layer.table)
  const tables = searched.map(({ layer }) => layer.table)
  const live = searched.flatMap(({ fields, layer }, rank) =>
    fields.live ? [liveTexts(sql, fields, layer, rank)] : [],
  )
  const documents = unionAll(sql, [
    sql`select array_position(${tables}::text[], table_name) - 1 as rank, id, name_f, near_f, all_f, keys_f
          from search_texts where table_name in ${sql(stored)}`,
    ...live,
  ])
  return sql<Hit[]>`
    with query as (
      select q, words,
             array(select '%' || word || '%' from unnest(words) as word) as anywhere,
             array(select '% ' || word || '%' from unnest(words) as word) as word_starts
        from (select q, array_remove(string_to_array(q, ' '), '') as words
                from (select search_fold(${query}) as q) as folded) as split
    ),
    tiers as (
      select d.rank, d.id, d.name_f, case
          when d.name_f = query.q then 1.0
          when exists (select from unnest(d.keys_f) as k
                        where regexp_replace(k, ' [0-9]{5}( .*)?$', '') ~ ('^' || query.q || '( [0-9]+[a-z]?)?$')
                          and regexp_replace(k, ' [0-9]{5}( .*)?$', '') ~ ' [0-9]+[a-z]?$') then 0.99
          when query.q = any (d.keys_f) then 0.95
          when starts_with(d.name_f, query.q) then 0.8
          when ' ' || d.name_f like '% ' || query.q || '%' then 0.7
          when exists (select from unnest(d.keys_f) as k where starts_with(k || ' ', query.q || ' ')) then 0.7
          when ' ' || d.name_f like all (query.word_starts) then 0.6
          when d.name_f like all (query.anywhere) then 0.5
          when ' ' || d.near_f like all (query.word_starts) then 0.4
          when d.near_f like all (query.anywhere) then 0.3
          else 0.1
        end as tier,
        length(query.q)::float8 / greatest(length(d.name_f), length(query.q), 1) as coverage
        from (${documents}) as d, query
       where cardinality(query.words) > 0 and d.all_f like all (query.anywhere)
    )
    select rank, id, (case when tier = 0.99 then 1 else tier end)::float8 as tier,
           round(case when tier < 0.99 then least(tier + 0.09 * coverage, 0.98) else tier end::numeric, 3)::float8 as score
      from tiers
     order by tier desc, rank = any (${referenceRanks}::int[]), score desc, rank, name_f, id
     limit ${limit}`
}

// The folded texts of a layer that search_texts does not hold, from its public columns only.
function liveTexts(sql: Queries, fields: SearchFields, layer: Layer, rank: number) {
  const texts = (columns: readonly string[]) =>
    columns.length > 0 ? sql`, ${identifiers(sql, columns)}` : sql``
  return sql`
    select ${rank}::int as rank, id, search_fold(name) as name_f,
           search_fold(concat_ws(' ', name ${texts(fields.secondary)})) as near_f,
           search_fold(concat_ws(' ', name ${texts(fields.secondary)} ${texts(fields.body)})) as all_f,
           '{}'::text[] as keys_f
      from ${identifiers(sql, layer.table)}`
}

// The detail facts, a point on the feature and its bounding box, for a few ids of one layer.
function placeFeatures(sql: Queries, fields: SearchFields, layer: Layer, rank: number, ids: number[]) {
  return sql`
    select ${rank}::int as rank, id, name::text as name,
           (select to_jsonb(facts) from (select ${identifiers(sql, fields.facts)}) as facts) as facts,
           round(st_x(st_pointonsurface(geom))::numeric, 6)::float8 as x,
           round(st_y(st_pointonsurface(geom))::numeric, 6)::float8 as y,
           round(st_xmin(geom)::numeric, 6)::float8 as w, round(st_ymin(geom)::numeric, 6)::float8 as s,
           round(st_xmax(geom)::numeric, 6)::float8 as e, round(st_ymax(geom)::numeric, 6)::float8 as n
      from ${identifiers(sql, layer.table)} where id in ${sql(ids)}`
}

function unionAll(sql: Queries, parts: ReturnType<Queries['unsafe']>[]) {
  return parts.reduce((all, next) => sql`${all} union all ${next}`)
}
