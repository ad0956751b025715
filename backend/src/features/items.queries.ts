import type { Layer } from '../contract/layers.ts'
import { type Crs, crs84, decimals } from '../crs/crs.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import { inCollection, servedGeometry } from '../layers/collection-rows.ts'
import type { Envelope, ItemsQuery } from './items-params.ts'

// Reading features: PostGIS builds each GeoJSON Feature (json_build_object, st_asgeojson),
// transforms to the requested CRS and filters by bbox: the GiST index finds the candidates whose
// envelope meets the box (`&&`), ST_Intersects keeps those that really meet it (OGC API Features
// /req/core/fc-bbox-response). Property names come only from the layer registry; values only as
// parameters.

type Fragment = ReturnType<Queries['unsafe']>

/** Joins fragments with `separator` (postgres.js joins nested fragment arrays with spaces). */
function join(sql: Queries, parts: readonly Fragment[], separator: ', ' | ' and '): Fragment {
  const glue = separator === ', ' ? sql`,` : sql`and`
  return sql`${parts.flatMap((part, i) => (i === 0 ? [part] : [glue, part]))}` as unknown as Fragment
}

/** The geometry in `crs`: EPSG:4326 swaps the axes, projected CRSs go through st_transform. */
function outputGeometry(sql: Queries, layer: Layer, crs: Crs): Fragment {
  const geom = servedGeometry(sql, layer)
  const geometry =
    crs.srid === 4326
      ? crs.latLon
        ? sql`st_flipcoordinates(${geom})`
        : geom
      : sql`st_transform(${geom}, ${crs.srid}::int)`
  // Option 0: no "crs" member (RFC 7946); the CRS travels in the Content-Crs header.
  return sql`st_asgeojson(${geometry}, ${decimals(crs)}::int, 0)::json` as unknown as Fragment
}

/** A GeoJSON Feature (as text) of a row with exactly `properties` from the allow-list. */
function featureJson(sql: Queries, layer: Layer, properties: readonly string[], crs: Crs): Fragment {
  const pairs = properties.map((name) => sql`${name}::text, ${identifiers(sql, name)}` as unknown as Fragment)
  return sql`json_build_object(
    'type', 'Feature', 'id', id, 'geometry', ${outputGeometry(sql, layer, crs)},
    'properties', json_build_object(${join(sql, pairs, ', ')}))::text` as unknown as Fragment
}

/**
 * The conditions of a query (bbox, datetime, queryables, and the geometry type of a collection
 * over one type of a mixed table); none for an unfiltered request of a whole table.
 */
export function conditions(sql: Queries, layer: Layer, query: ItemsQuery): Fragment[] {
  const parts: Fragment[] = layer.geometryDimension === undefined ? [] : [inCollection(sql, layer)]
  if (query.bbox) {
    const { crs, envelopes } = query.bbox
    const boxes = envelopes.map((envelope) => {
      const region = bboxRegion(sql, envelope, crs)
      return sql`(geom && ${region} and st_intersects(geom, ${region}))` as unknown as Fragment
    })
    parts.push(sql`(${orJoin(sql, boxes)})` as unknown as Fragment)
  }
  if (query.datetime && layer.temporal) {
    const { start, end } = query.datetime
    const from = identifiers(sql, layer.temporal.start)
    const until = identifiers(sql, layer.temporal.end)
    if (end !== null) parts.push(sql`(${from} is null or ${from} <= ${end}::date)` as unknown as Fragment)
    if (start !== null)
      parts.push(sql`(${until} is null or ${until} >= ${start}::date)` as unknown as Fragment)
  }
  for (const [column, value] of query.filters) {
    parts.push(sql`${identifiers(sql, column)}::text = ${value}::text` as unknown as Fragment)
  }
  return parts
}

/**
 * `numberMatched`: unfiltered, the layer's row count that triggers keep up to date (sql/016), read
 * in the same snapshot as the page, so it is exact and costs one index lookup instead of a count
 * over every row (13–18 ms for 100,000 plots); a layer without a kept count (a view) is counted.
 * Filtered, the matches are counted: the index bounds the work to what the filter selects.
 */
function matched(sql: Queries, layer: Layer, parts: readonly Fragment[]): Fragment {
  const table = identifiers(sql, layer.table)
  if (parts.length > 0) {
    return sql`(select count(*)::int from ${table} where ${join(sql, parts, ' and ')})` as unknown as Fragment
  }
  return sql`coalesce((select n::int from feature_counts where relation = ${layer.table}::text),
                      (select count(*)::int from ${table}))` as unknown as Fragment
}

/**
 * The bbox as a region in EPSG:4326, the geometry column's CRS. A box in a projected CRS has
 * straight edges there, which curve in degrees: its edges are cut into 64 pieces each before the
 * transformation, so the region follows them to well under a millimetre at a city's scale.
 */
function bboxRegion(sql: Queries, [x1, y1, x2, y2]: Envelope, crs: Crs): Fragment {
  const envelope = sql`st_makeenvelope(${x1}::float8, ${y1}::float8, ${x2}::float8, ${y2}::float8, ${crs.srid}::int)`
  if (crs.srid === 4326) return envelope as unknown as Fragment
  const piece = Math.max(x2 - x1, y2 - y1) / 64
  return sql`st_transform(st_segmentize(${envelope}, ${piece}::float8), 4326)` as unknown as Fragment
}

function orJoin(sql: Queries, parts: readonly Fragment[]): Fragment {
  return sql`${parts.flatMap((part, i) => (i === 0 ? [part] : [sql`or`, part]))}` as unknown as Fragment
}

export type ItemsPage = {
  numberMatched: number
  numberReturned: number
  /** The page's features as UTF-8 GeoJSON, the members of an array (comma-separated, in id order). */
  features: Uint8Array
  /** The id of the last feature when another page follows. */
  lastId: number | undefined
}

/**
 * The statement behind GET …/items: the count of matches and one page after the cursor, as one
 * row whose `features` PostGIS has already joined into GeoJSON text. It runs in raw mode: each
 * column arrives as the bytes PostgreSQL sent (text format), so the page goes into the response
 * without being decoded, parsed or encoded again. One row more than the page is read to tell
 * whether another page follows; it is counted (`found`) but not joined.
 */
export function itemsStatement(sql: Queries, layer: Layer, query: ItemsQuery, properties: readonly string[]) {
  const table = identifiers(sql, layer.table)
  const parts = conditions(sql, layer, query)
  const where = join(sql, [sql`true` as unknown as Fragment, ...parts], ' and ')
  return sql`
    select ${matched(sql, layer, parts)} as matched,
           count(*)::int as found,
           count(*) filter (where p.n <= ${query.limit}::int)::int as returned,
           max(p.id) filter (where p.n <= ${query.limit}::int) as last_id,
           string_agg(p.feature, ',' order by p.id) filter (where p.n <= ${query.limit}::int) as features
      from (
        select id, row_number() over (order by id) as n, ${featureJson(sql, layer, properties, query.crs)} as feature
          from ${table}
         where ${where} and id > ${query.after}::bigint
         order by id
         limit ${query.limit + 1}::int
      ) as p`.raw()
}

const numberOf = (bytes: Uint8Array | null | undefined) => (bytes ? Number(Buffer.from(bytes).toString()) : 0)

/** One page of features of `layer` with `properties`, and whether another page follows. */
export async function readItems(
  sql: Queries,
  layer: Layer,
  query: ItemsQuery,
  properties: readonly string[],
): Promise<ItemsPage> {
  const [row] = (await itemsStatement(sql, layer, query, properties)) as unknown as (Uint8Array | null)[][]
  const [matched, found, returned, lastId, features] = row ?? []
  return {
    numberMatched: numberOf(matched),
    numberReturned: numberOf(returned),
    features: features ?? new Uint8Array(),
    lastId: numberOf(found) > query.limit ? numberOf(lastId) : undefined,
  }
}

export type StoredFeature = { feature: string; version: number }

/** One feature of `layer` as GeoJSON text with its row version, undefined when there is none. */
export async function readFeature(
  sql: Queries,
  layer: Layer,
  id: number,
  properties: readonly string[],
  crs: Crs = crs84,
): Promise<StoredFeature | undefined> {
  const [row] = await sql<StoredFeature[]>`
    select ${featureJson(sql, layer, properties, crs)} as feature, version
      from ${identifiers(sql, layer.table)} where id = ${id}::bigint and ${inCollection(sql, layer)}`
  return row
}
