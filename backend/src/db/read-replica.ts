import { createSqlClient, type SessionLimits, type Sql } from './sql-client.ts'

// A PostgreSQL hot standby (streaming replication) for reads that may lag by a moment: anonymous
// items pages and search. Writes, LISTEN, tiles and everything a user just wrote stay on the
// primary (http/read-routing.ts decides per request).

export type ReadReplica = {
  sql: Sql
  /** Whether the standby has replayed the primary's WAL up to `lsn` ('0/3000148'). */
  replayedAtLeast(lsn: string): Promise<boolean>
  close(): Promise<void>
}

/** A WAL position as PostgreSQL prints it (pg_lsn): two hex numbers around a slash. */
export const lsnPattern = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/

/** Opens a pool on the standby at `url` with the serving limits of the primary's pool. */
export function openReadReplica(
  url: string,
  options: { limits?: SessionLimits; prepare: boolean },
): ReadReplica {
  const sql = createSqlClient(url, { max: 10, limits: options.limits, prepare: options.prepare })
  return {
    sql,
    async replayedAtLeast(lsn) {
      const [row] = await sql<{ caught_up: boolean | null }[]>`
        select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as caught_up`
      return row?.caught_up === true
    },
    async close() {
      await sql.end({ timeout: 5 })
    },
  }
}
