import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../config.ts'
import type { Sql } from './sql-client.ts'

export const migrationsDir = join(repoRoot, 'sql')

type Migration = { version: number; name: string; file: string; checksum: string }

/** The numbered migrations in `dir` (`001_name.sql`), in order. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_[\w-]+\.sql$/.test(file))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8')
      return {
        version: Number.parseInt(file, 10),
        name: file.replace(/^\d+_|\.sql$/g, ''),
        file: join(dir, file),
        checksum: createHash('sha256').update(text).digest('hex'),
      }
    })
    .sort((a, b) => a.version - b.version)
}

/**
 * Applies the migrations not yet recorded, each in its own transaction, and returns their names.
 * Forward-only: an applied migration whose file has changed stops the run.
 */
export async function migrate(sql: Sql, dir = migrationsDir): Promise<string[]> {
  await sql`
    create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`
  const applied: string[] = []
  for (const migration of listMigrations(dir)) {
    const done = await sql.begin(async (tx) => {
      // Two app instances starting together: the second waits, then finds the work done.
      await tx`select pg_advisory_xact_lock(7310001)`
      // A migration may run for minutes (an index over every plot); the serving limit is for requests.
      await tx`set local statement_timeout = 0`
      const [row] = await tx<{ checksum: string }[]>`
        select checksum from schema_migrations where version = ${migration.version}`
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`,
          )
        }
        return false
      }
      await tx.unsafe(readFileSync(migration.file, 'utf8'))
      await tx`
        insert into schema_migrations (version, name, checksum)
        values (${migration.version}, ${migration.name}, ${migration.checksum})`
      return true
    })
    if (done) applied.push(`${migration.version}_${migration.name}`)
  }
  return applied
}
