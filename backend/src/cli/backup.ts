import { resolve } from 'node:path'
import { writeEmbeddedBackup, writeFileAtomically } from '../backup/embedded-backup.ts'
import { pgDump } from '../backup/postgres-backup.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { EmbeddedLockedError } from '../db/data-dir-lock.ts'
import { openDatabase } from '../db/database.ts'
import { log } from './run-cli.ts'

// npm run db:backup -- <file>: PostgreSQL through pg_dump; the embedded database from the running
// app over its admin listener (ADMIN_PORT), or directly when the app is stopped.

// npm runs this in backend/: a relative file is where npm was called.
const file = process.argv[2] && resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2])
try {
  if (!file) throw new ConfigError('usage: npm run db:backup -- <file>')
  const config = loadConfig()
  if (config.databaseUrl) await pgDump(config.databaseUrl, file)
  else await backupEmbedded(config.dataDir, config.admin, file)
  log(`backup written to ${file}`)
} catch (error) {
  console.error(`[quartiersatlas] backup failed: ${(error as Error).message}`)
  process.exit(error instanceof ConfigError ? 2 : 1)
}

async function backupEmbedded(
  dataDir: string,
  admin: { port: number; host: string; token: string } | undefined,
  target: string,
): Promise<void> {
  try {
    const db = await openDatabase({ dataDir, databaseUrl: undefined })
    try {
      await writeEmbeddedBackup(db, target)
    } finally {
      await db.close()
    }
  } catch (error) {
    if (!(error instanceof EmbeddedLockedError)) throw error
    if (!admin)
      throw new Error(
        `${error.message}; or start it with ADMIN_PORT and ADMIN_TOKEN set and run this with the same two`,
      )
    const response = await fetch(`http://${admin.host}:${admin.port}/backup`, {
      headers: { Authorization: `Bearer ${admin.token}` },
    })
    if (!response.ok) throw new Error(`the running app refused the backup (${response.status})`)
    writeFileAtomically(target, new Uint8Array(await response.arrayBuffer()))
  }
}
