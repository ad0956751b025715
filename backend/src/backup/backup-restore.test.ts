import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../admin/admin-app.ts'
import { checksum } from '../agreements/interim-use.testing.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { createSqlClient, type Queries } from '../db/sql-client.ts'
import { adminUrl } from '../test/template-database.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { restoreEmbedded } from './embedded-backup.ts'
import { pgDump, pgRestore } from './postgres-backup.ts'
import { RestoreRefusedError } from './schema-version.ts'

const db = useTestDatabase()
const work = mkdtempSync(join(tmpdir(), 'quartiersatlas-backup-'))
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
  rmSync(work, { recursive: true, force: true })
})

/** Backs up the test database the way its engine is backed up in production. */
async function backUp(file: string): Promise<void> {
  const url = (db() as { url?: string }).url
  if (url) return pgDump(url, file)
  const token = 'backup-'.repeat(5)
  const response = await createAdminApp(db(), token).request('/backup', {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(response.headers.get('content-type')).toBe('application/gzip')
  writeFileSync(file, new Uint8Array(await response.arrayBuffer()))
}

/** Restores `file` into a new database of the same engine and opens it. */
async function restoreFresh(file: string, name: string): Promise<Database> {
  const admin = adminUrl()
  if (!admin) {
    const dataDir = join(work, name)
    await restoreEmbedded(file, dataDir)
    const restored = await openDatabase({ dataDir, databaseUrl: undefined })
    cleanups.push(() => restored.close())
    return restored
  }
  const url = await createEmptyDatabase(admin, name)
  await pgRestore(url, file)
  const restored = await openDatabase({ databaseUrl: url, dataDir: '' })
  cleanups.push(() => restored.close())
  return restored
}

async function createEmptyDatabase(admin: string, name: string): Promise<string> {
  const database = `${new URL((db() as { url?: string }).url ?? admin).pathname.slice(1)}_${name}`
  const sql = createSqlClient(admin, { max: 1 })
  await sql`create database ${sql(database)}`
  await sql.end()
  cleanups.push(async () => {
    const drop = createSqlClient(admin, { max: 1 })
    await drop`drop database if exists ${drop(database)} with (force)`
    await drop.end()
  })
  const url = new URL(admin)
  url.pathname = `/${database}`
  return url.toString()
}

async function tableChecksums(sql: Queries, auditUpTo: number): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select tablename as name from pg_tables where schemaname = 'public' order by tablename`
  const sums: Record<string, string> = {}
  for (const { name } of tables) {
    sums[name] =
      name === 'audit_log'
        ? String(
            (
              await sql`select md5(string_agg(t::text, '|' order by id)) as sum from audit_log t where id <= ${auditUpTo}`
            )[0]?.sum,
          )
        : await checksum(sql, name)
  }
  return sums
}

const lastAudit = async (sql: Queries) =>
  Number((await sql<{ id: number | null }[]>`select max(id) as id from audit_log`)[0]?.id ?? 0)

describe('backup and restore', () => {
  it('backs up a running instance under writes; the restore equals the original at the backup’s point', async () => {
    const { sql } = db()
    const start = await lastAudit(sql)
    let writing = true
    let written = 0
    const writer = (async () => {
      while (writing) {
        await sql`insert into audit_log (action, table_name, row_id) values ('read', 'plots', ${written})`
        written += 1
      }
    })()
    await expect.poll(() => written, { timeout: 60_000 }).toBeGreaterThan(20)
    const file = join(work, 'running.backup')
    await backUp(file)
    const afterBackup = written
    await expect.poll(() => written, { timeout: 60_000 }).toBeGreaterThan(afterBackup + 20)
    writing = false
    await writer

    const restored = await restoreFresh(file, 'restored')
    const point = await lastAudit(restored.sql)
    // Writes went on before and after the backup; it holds a prefix of them.
    expect(point).toBeGreaterThan(start + 20)
    expect(point).toBeLessThan(await lastAudit(sql))
    expect(await tableChecksums(restored.sql, point)).toEqual(await tableChecksums(sql, point))
  })

  it('refuses a backup from a newer schema than this code knows, and restores nothing', async () => {
    const { sql } = db()
    await sql`insert into schema_migrations (version, name, checksum) values (999, 'from_the_future', 'x')`
    const file = join(work, 'future.backup')
    await backUp(file)
    await sql`delete from schema_migrations where version = 999`
    const refused = await restoreFresh(file, 'future').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(RestoreRefusedError)
    // The newest migration in sql/ is the version this code knows.
    const newest = Math.max(
      ...readdirSync(join(import.meta.dirname, '../../../sql')).map((file) => Number.parseInt(file, 10) || 0),
    )
    expect((refused as Error).message).toContain(
      `schema version 999, newer than this Quartiersatlas knows (${newest})`,
    )
    if (!adminUrl()) expect(existsSync(join(work, 'future', 'pglite'))).toBe(false)
  })
})
