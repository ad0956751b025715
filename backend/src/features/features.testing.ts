import type { Database } from '../db/database.ts'
import { identifiers } from '../db/sql-client.ts'

// Helpers for the features tests: a table checksum to prove a refused request changed nothing,
// and small valid features to write.

/** A checksum over every row of `table` (and of history), equal before and after a refused write. */
export async function tableChecksum(db: Database, table: string): Promise<string> {
  const [row] = await db.sql<{ sum: string }[]>`
    select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) ||
           (select count(*) from history)::text as sum
      from ${identifiers(db.sql, table)} as t`
  return row?.sum ?? ''
}

/** A small square plot near Leipzig-Lindenau (lon/lat), `size` degrees wide. */
export function square(lon = 12.33, lat = 51.33, size = 0.0005) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  }
}

/** A plot Feature for POST/PUT. */
export function plotFeature(properties: Record<string, unknown> = {}, geometry: unknown = square()) {
  return { type: 'Feature', geometry, properties: { name: 'Testbrache', ...properties } }
}
