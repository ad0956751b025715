import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'

// The rows and the geometry a collection serves. A collection over one geometry type of a mixed
// table (measures-points, -lines, -areas) sees only rows of its dimension, and its multi types
// come out as multi even where a row holds a single polygon, so that every feature has the
// declared type.

type Fragment = ReturnType<Queries['unsafe']>

/** The condition that a row of `alias` (default: unqualified) belongs to the collection. */
export function inCollection(sql: Queries, layer: Layer, alias?: string): Fragment {
  const geom = alias ? sql`${identifiers(sql, [alias])}.geom` : sql`geom`
  return (layer.geometryDimension === undefined
    ? sql`true`
    : sql`st_dimension(${geom}) = ${layer.geometryDimension}::int`) as unknown as Fragment
}

/** The geometry column as the collection serves it. */
export function servedGeometry(sql: Queries, layer: Layer): Fragment {
  return (layer.geometryDimension !== undefined && layer.geometryType.startsWith('Multi')
    ? sql`st_multi(geom)`
    : sql`geom`) as unknown as Fragment
}
