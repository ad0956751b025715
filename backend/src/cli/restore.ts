import { resolve } from 'node:path'
import { restoreEmbedded } from '../backup/embedded-backup.ts'
import { pgRestore } from '../backup/postgres-backup.ts'
import { RestoreRefusedError } from '../backup/schema-version.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { log } from './run-cli.ts'

// npm run db:restore -- <file>: into an empty database (PostgreSQL at DATABASE_URL, or a
// DATA_DIR without an embedded database). The next start applies any newer migrations.

// npm runs this in backend/: a relative file is where npm was called.
const file = process.argv[2] && resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2])
try {
  if (!file) throw new ConfigError('usage: npm run db:restore -- <file>')
  const config = loadConfig()
  const version = config.databaseUrl
    ? await pgRestore(config.databaseUrl, file)
    : await restoreEmbedded(file, config.dataDir)
  log(`restored ${file} (schema version ${version})`)
} catch (error) {
  console.error(`[quartiersatlas] restore refused: ${(error as Error).message}`)
  process.exit(error instanceof ConfigError ? 2 : error instanceof RestoreRefusedError ? 4 : 1)
}
