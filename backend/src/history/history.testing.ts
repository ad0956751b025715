import type { Database } from '../db/database.ts'
import { identifiers } from '../db/sql-client.ts'

// Helpers for the history and planner-scope tests.

/** A checksum over `table` and the history, equal before and after a refused write. */
export async function tableAndHistoryChecksum(db: Database, table: string): Promise<string> {
  const [row] = await db.sql<{ sum: string }[]>`
    select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) || ':' ||
           (select count(*) from history)::text as sum
      from ${identifiers(db.sql, table)} as t`
  return row?.sum ?? ''
}

/** A rectangular lon/lat polygon, `width` by `height` degrees, from its south-west corner. */
export function rectangle(west: number, south: number, width = 0.0008, height = 0.0005) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [west + width, south],
        [west + width, south + height],
        [west, south + height],
        [west, south],
      ],
    ],
  }
}

/** A JSON request with optional headers. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}
