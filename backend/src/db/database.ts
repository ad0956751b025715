import type { Config } from '../config.ts'
import { type Progress, startEmbedded } from './embedded.ts'
import { createSqlClient, type Sql } from './sql-client.ts'

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
  close(): Promise<void>
}

export class DatabaseUnavailableError extends Error {}

/**
 * Opens the database: PostgreSQL/PostGIS at DATABASE_URL, or else the embedded PGlite in DATA_DIR.
 * Fails with DatabaseUnavailableError, naming what to check, when it cannot be reached.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  progress: Progress = () => {},
): Promise<Database> {
  if (config.databaseUrl) {
    const sql = createSqlClient(config.databaseUrl, { max: 10 })
    return connect(sql, 'postgresql', () => sql.end({ timeout: 5 }), describeUrl(config.databaseUrl))
  }
  const embedded = await startEmbedded(config.dataDir, progress)
  // PGlite is one session: a single connection keeps transactions from interleaving.
  const sql = createSqlClient(embedded.url, { max: 1 })
  const db = await connect(
    sql,
    'pglite',
    async () => {
      await sql.end({ timeout: 5 })
      await embedded.stop()
    },
    `the embedded database in ${config.dataDir}`,
  )
  return { ...db, dumpEmbedded: () => embedded.dump() }
}

async function connect(
  sql: Sql,
  engine: Engine,
  close: () => Promise<void>,
  where: string,
): Promise<Database> {
  let postgisVersion: string
  try {
    postgisVersion = await probePostgis(sql)
  } catch (error) {
    await close().catch(() => {})
    throw new DatabaseUnavailableError(`cannot use ${where}: ${reason(error)}`)
  }
  const capabilities = { mvt: await probeMvt(sql) }
  return { sql, engine, postgisVersion, capabilities, close }
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
