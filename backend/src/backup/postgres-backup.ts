import { spawn } from 'node:child_process'
import { checkRestorable, RestoreRefusedError } from './schema-version.ts'

// PostgreSQL is backed up with its own tools, pg_dump and pg_restore (custom format), in the
// version of the server or newer. pg_dump reads one snapshot: consistent while the app writes.

/** `pg_dump` of the database at `url` into `file`. */
export async function pgDump(url: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`])
}

/**
 * Restores `file` into the empty database at `url` in one transaction; refuses a backup from a
 * newer schema and a database that already holds Quartiersatlas. Returns the backup's version.
 */
export async function pgRestore(url: string, file: string): Promise<number> {
  const data = await run('pg_restore', ['--data-only', '--table=schema_migrations', '--file=-', file])
  const versions = [...data.matchAll(/^(\d+)\t/gm)].map((match) => Number(match[1]))
  const version = Math.max(0, ...versions)
  checkRestorable(version)
  const tables = await run('psql', [
    '--no-psqlrc',
    '--tuples-only',
    '--command=select count(*) from pg_tables where tablename = $$schema_migrations$$',
    url,
  ])
  if (Number(tables.trim()) > 0)
    throw new RestoreRefusedError(
      'the target database already holds Quartiersatlas: restore into a new, empty one',
    )
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file])
  return version
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', (error) =>
      reject(new Error(`${command} could not run (${error.message}): install the PostgreSQL client tools`)),
    )
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} failed (${code}): ${err.trim().split('\n').at(-1)}`)),
    )
  })
}
