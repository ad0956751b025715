import type { Config } from '../config.ts'
import { ChangeFeed, type ChangeHandlers } from '../layers/change-feed.ts'
import { type Progress, startEmbedded } from './embedded.ts'
import { createProbe, type Liveness } from './liveness.ts'
import { openReadReplica, type ReadReplica } from './read-replica.ts'
import { type ClientOptions, createSqlClient, type SessionLimits, type Sql } from './sql-client.ts'

export type Engine = 'pglite' | 'postgresql'

export type Capabilities = {
  /** ST_AsMVT works (PostGIS built with protobuf); the embedded build has none. */
  mvt: boolean
}

export type Database = {
  sql: Sql
  engine: Engine
  postgisVersion: string
  capabilities: Capabilities
  /** Embedded only: a consistent tar.gz of the data directory, taken while the app runs. */
  dumpEmbedded?: () => Promise<Blob>
  /** Whether the database answers now (select 1 within probeTimeoutMs). */
  probe(): Promise<Liveness>
  /**
   * The probe has a connection of its own (PostgreSQL), so a request still waiting on the
   * database can ask it whether to go on waiting. The embedded database is one session.
   */
  independentProbe: boolean
  /** A hot standby for reads that may lag (DATABASE_READ_URL); none: every read on `sql`. */
  replica?: ReadReplica
  /**
   * Hears every committed layer change (layers/change-feed.ts) on a connection of its own: on
   * PostgreSQL a session beside the pool, embedded a connection to which the one session's
   * notifications go. close() stops it.
   */
  listenForChanges(handlers: ChangeHandlers): ChangeFeed
  close(): Promise<void>
}

type OpenListener = (listening: NonNullable<ClientOptions['listening']>) => Sql

export type OpenOptions = {
  /** Session limits (statement, lock, idle transaction, connect): set for the serving app. */
  limits?: SessionLimits
}

/** How long a liveness probe waits for `select 1`. */
export const probeTimeoutMs = 500

export class DatabaseUnavailableError extends Error {}

/**
 * Opens the database: PostgreSQL/PostGIS at DATABASE_URL, or else the embedded PGlite in DATA_DIR.
 * Fails with DatabaseUnavailableError, naming what to check, when it cannot be reached.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> &
    Partial<Pick<Config, 'databaseReadUrl' | 'databaseListenUrl' | 'prepareStatements'>>,
  progress: Progress = () => {},
  options: OpenOptions = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const url = config.databaseUrl
    const prepare = config.prepareStatements ?? true
    const sql = createSqlClient(url, { max: 10, limits: options.limits, prepare })
    const probe = createProbe(
      () => createSqlClient(url, { max: 1, limits: options.limits, prepare }),
      probeTimeoutMs,
      true,
    )
    const replica = config.databaseReadUrl
      ? openReadReplica(config.databaseReadUrl, { limits: options.limits, prepare })
      : undefined
    // LISTEN needs a session of its own: behind PgBouncer in transaction mode, a direct URL.
    const listenUrl = config.databaseListenUrl ?? url
    const openListener = (listening: NonNullable<ClientOptions['listening']>) =>
      createSqlClient(listenUrl, { max: 1, limits: options.limits, listening })
    const db = await connect(
      { sql, engine: 'postgresql', probe: probe.check, independentProbe: true, openListener },
      async () => {
        await Promise.all([sql.end({ timeout: 5 }), probe.close(), replica?.close()])
      },
      describeUrl(url),
    )
    return replica ? { ...db, replica } : db
  }
  const embedded = await startEmbedded(config.dataDir, progress)
  // PGlite is one session: a single connection keeps transactions from interleaving.
  const sql = createSqlClient('postgres://postgres@embedded/postgres', {
    max: 1,
    socket: () => embedded.connect(),
  })
  const probe = createProbe(() => sql, probeTimeoutMs, false)
  const openListener = (listening: NonNullable<ClientOptions['listening']>) =>
    createSqlClient('postgres://postgres@embedded/postgres', {
      max: 1,
      socket: () => embedded.connect(),
      listening,
    })
  const db = await connect(
    { sql, engine: 'pglite', probe: probe.check, independentProbe: false, openListener },
    async () => {
      await sql.end({ timeout: 5 })
      await embedded.stop()
    },
    `the embedded database in ${config.dataDir}`,
  )
  // PGlite takes no parameters from the start-up packet: name the one session as every
  // PostgreSQL connection of the app is named (history tells the app's writes apart by it).
  await sql`select set_config('application_name', 'quartiersatlas', false)`
  return { ...db, dumpEmbedded: () => embedded.dump() }
}

type Opened = Pick<Database, 'sql' | 'engine' | 'probe' | 'independentProbe'> & {
  openListener: OpenListener
}

async function connect(opened: Opened, close: () => Promise<void>, where: string): Promise<Database> {
  const { sql } = opened
  let postgisVersion: string
  try {
    postgisVersion = await probePostgis(sql)
  } catch (error) {
    await close().catch(() => {})
    throw new DatabaseUnavailableError(`cannot use ${where}: ${reason(error)}`)
  }
  const capabilities = { mvt: await probeMvt(sql) }
  const { openListener, ...rest } = opened
  const feeds = new Set<ChangeFeed>()
  return {
    ...rest,
    postgisVersion,
    capabilities,
    listenForChanges(handlers) {
      const feed = new ChangeFeed(openListener, handlers)
      feeds.add(feed)
      return feed
    },
    async close() {
      await Promise.all([...feeds].map((feed) => feed.close().catch(() => {})))
      await close()
    },
  }
}

async function probePostgis(sql: Sql): Promise<string> {
  const [row] = await sql<{ version: string | null }[]>`
    select (select extversion from pg_extension where extname = 'postgis') as version`
  if (row?.version) return row.version
  try {
    await sql`create extension if not exists postgis`
  } catch (error) {
    throw new Error(`PostGIS is not installed in this database and could not be created (${reason(error)})`)
  }
  const [created] = await sql<
    { version: string }[]
  >`select extversion as version from pg_extension where extname = 'postgis'`
  return created?.version ?? 'unknown'
}

// The one place that decides how vector tiles are encoded: in the database or in JS.
async function probeMvt(sql: Sql): Promise<boolean> {
  try {
    await sql`
      select st_asmvt(t, 'probe') from (
        select st_asmvtgeom(st_point(1, 1), st_makeenvelope(0, 0, 4096, 4096)) as geom
      ) t`
    return true
  } catch {
    return false
  }
}

function describeUrl(url: string): string {
  const parsed = new URL(url)
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname} (DATABASE_URL)`
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message
  }
  return String(error)
}
