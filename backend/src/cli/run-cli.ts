import { ConfigError, loadConfig } from '../config.ts'
import { EmbeddedLockedError } from '../db/data-dir-lock.ts'
import { type Database, DatabaseUnavailableError, openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { setDefaultMunicipality } from '../db/municipalities.ts'

export const log = (message: string) => console.log(`[quartiersatlas] ${message}`)

/**
 * Runs a command-line task against the configured database, migrated first; turns the known
 * failures into a message and an exit code instead of a stack trace.
 */
export async function runCli(task: (db: Database) => Promise<number | undefined>): Promise<void> {
  let db: Database | undefined
  let code = 0
  try {
    const config = loadConfig()
    db = await openDatabase(config, log)
    const applied = await migrate(db.sql)
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`)
    await setDefaultMunicipality(db.sql, config.defaultMunicipality)
    code = (await task(db)) ?? 0
  } catch (error) {
    const known =
      error instanceof ConfigError ||
      error instanceof DatabaseUnavailableError ||
      error instanceof EmbeddedLockedError
    console.error(`[quartiersatlas] ${known ? (error as Error).message : ''}`, known ? '' : error)
    code = error instanceof ConfigError ? 2 : known ? 3 : 1
  } finally {
    await db?.close()
  }
  process.exit(code)
}
