import type { Duplex } from 'node:stream'
import postgres from 'postgres'

/** The one SQL client type of Quartiersatlas: postgres.js, on PostgreSQL or the embedded PGlite. */
export type Sql = postgres.Sql<Record<string, never>>

/** A transaction of that client (sql.begin, tx.savepoint). */
export type Tx = postgres.TransactionSql<Record<string, never>>

/** What runs queries: the client itself or a transaction. Query helpers take this. */
export type Queries = Sql | Tx

// int8 and numeric arrive as numbers (ids and areas stay far below 2^53); dates stay ISO strings
// ('2026-04-01'), as GeoJSON properties and forms want them.
const types = {
  bigint: {
    to: 20,
    from: [20, 1700],
    serialize: (value: number | bigint | string) => String(value),
    parse: (value: string) => Number(value),
  },
  date: {
    to: 1082,
    from: [1082],
    serialize: (value: string) => value,
    parse: (value: string) => value,
  },
}

/**
 * Limits each session of the serving app sets at connect: a statement, a lock wait or an open
 * transaction left idle cannot hold a connection (and its locks) past them, and a server that
 * does not accept a connection in time counts as down. Migrations lift the statement limit.
 */
export type SessionLimits = {
  statementTimeoutMs: number
  lockTimeoutMs: number
  idleInTransactionTimeoutMs: number
  connectTimeoutSeconds: number
}

export const servingLimits: SessionLimits = {
  statementTimeoutMs: 5000,
  lockTimeoutMs: 1000,
  idleInTransactionTimeoutMs: 10_000,
  connectTimeoutSeconds: 2,
}

export type ClientOptions = {
  max: number
  /** Opens each connection's stream in-process instead of over TCP (the embedded database). */
  socket?: () => Duplex
  onnotice?: (notice: postgres.Notice) => void
  limits?: SessionLimits
  /** Named prepared statements; off behind PgBouncer in transaction mode (DATABASE_PREPARE). */
  prepare?: boolean
  /**
   * A connection that only listens (the change feed): NOTIFY payloads go to `notify`, a closed
   * connection is reported to `closed`, and it is never closed for idleness or age.
   */
  listening?: { notify: (channel: string, payload: string) => void; closed: () => void }
}

/** Opens a postgres.js client with Quartiersatlas's type mapping. */
export function createSqlClient(url: string, options: ClientOptions): Sql {
  const limits = options.limits
  return postgres(url, {
    max: options.max,
    types,
    prepare: options.prepare ?? true,
    ...(options.socket && { socket: options.socket }),
    connect_timeout: limits?.connectTimeoutSeconds ?? 10,
    idle_timeout: options.listening ? 0 : 60,
    ...(options.listening && {
      max_lifetime: null,
      fetch_types: false,
      onnotify: options.listening.notify,
      onclose: options.listening.closed,
    }),
    onnotice: options.onnotice ?? (() => {}),
    connection: {
      // The change feed's connection is told apart (pg_stat_activity) by its name.
      application_name: options.listening ? 'quartiersatlas changes' : 'quartiersatlas',
      ...(limits && {
        statement_timeout: limits.statementTimeoutMs,
        lock_timeout: limits.lockTimeoutMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      }),
    },
  }) as unknown as Sql
}

/**
 * A comma-separated list of escaped identifiers as a fragment of its own. postgres.js reads a
 * bare sql(names) by the keyword before it (after `insert` or `update` as rows), so lists of
 * allow-listed column or table names go through here.
 */
export function identifiers(sql: Queries, names: string | readonly string[]) {
  return sql`${sql(typeof names === 'string' ? [names] : [...names])}`
}
