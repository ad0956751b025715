import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Database } from '../db/database.ts'
import { checkRestorable, RestoreRefusedError } from './schema-version.ts'

// Backups of the embedded database are PGlite's own data-directory dump (tar.gz): a physical
// copy, restored only into the embedded database of the same PGlite major version.

/** Writes a consistent dump of the running embedded database to `file` (atomically). */
export async function writeEmbeddedBackup(db: Database, file: string): Promise<void> {
  if (!db.dumpEmbedded) throw new Error('not the embedded database: back up PostgreSQL with pg_dump')
  writeFileAtomically(file, new Uint8Array(await (await db.dumpEmbedded()).arrayBuffer()))
}

/** Writes `bytes` to `file` so that a reader never sees half a backup. */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const partial = `${file}.partial`
  writeFileSync(partial, bytes)
  renameSync(partial, file)
}

/**
 * Restores `file` into the embedded database of `dataDir`, which must have none yet (the app
 * stopped, the old one moved aside). Refuses a backup from a newer schema; returns its version.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<number> {
  const target = join(dataDir, 'pglite')
  if (existsSync(join(target, 'PG_VERSION')))
    throw new RestoreRefusedError(
      `${target} already holds a database: stop the app and move that folder aside before restoring`,
    )
  mkdirSync(dataDir, { recursive: true })
  const pg = await PGlite.create({ dataDir: target, loadDataDir: new Blob([await readFile(file)]) })
  try {
    const [row] = (
      await pg.query<{ version: number }>('select max(version)::int as version from schema_migrations')
    ).rows
    const version = row?.version ?? 0
    checkRestorable(version)
    return version
  } catch (error) {
    await pg.close()
    rmSync(target, { recursive: true, force: true })
    throw error
  } finally {
    if (!pg.closed) await pg.close()
  }
}
