import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedDemoAccounts } from '../auth/demo-accounts.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { createSqlClient } from '../db/sql-client.ts'
import { seedDemoData } from '../seed/seed-demo.ts'
import { prepareDatabase } from '../startup/prepare-database.ts'

// Tests never touch a developer's data: each run builds one template database (migrated, with the
// demo data) and every test file gets its own copy. Embedded: a copied PGlite directory.
// PostgreSQL (TEST_DATABASE_URL or DATABASE_URL, a server where we may create databases):
// CREATE DATABASE … TEMPLATE.

export type Template =
  | { engine: 'pglite'; dir: string }
  | { engine: 'postgresql'; adminUrl: string; name: string }

const testMunicipality = { defaultMunicipality: '14713000' }

export function adminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
}

/** Creates the run's template database. */
export async function createTemplate(): Promise<Template> {
  const admin = adminUrl()
  if (!admin) {
    const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-test-'))
    const db = await openDatabase({ dataDir: join(dir, 'template'), databaseUrl: undefined })
    await prepareDatabase(db, testMunicipality)
    await db.close()
    return { engine: 'pglite', dir }
  }
  const name = `quartiersatlas_test_${process.pid}_${Date.now().toString(36)}`
  await withAdmin(admin, (sql) => sql`create database ${sql(name)}`)
  const db = await openDatabase({ databaseUrl: withDatabase(admin, name), dataDir: '' })
  await prepareDatabase(db, testMunicipality)
  await seedDemoData(db.sql)
  await seedDemoAccounts(db.sql)
  await db.close()
  return { engine: 'postgresql', adminUrl: admin, name }
}

/** Removes the template and whatever copies the test files left. */
export async function dropTemplate(template: Template): Promise<void> {
  if (template.engine === 'pglite') {
    rmSync(template.dir, { recursive: true, force: true })
    return
  }
  await withAdmin(template.adminUrl, async (sql) => {
    const copies = await sql<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${template.name}%`}`
    for (const { datname } of copies) await sql`drop database if exists ${sql(datname)} with (force)`
  })
}

/** A fresh copy of the template for one test file; close() throws it away. */
export async function openCopy(template: Template): Promise<Database & { url?: string }> {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  if (template.engine === 'pglite') {
    const dataDir = join(template.dir, `copy_${suffix}`)
    cpSync(join(template.dir, 'template'), dataDir, { recursive: true })
    rmSync(join(dataDir, 'quartiersatlas.lock'), { force: true })
    const db = await openDatabase({ dataDir, databaseUrl: undefined })
    return {
      ...db,
      async close() {
        await db.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const name = `${template.name}_${suffix}`
  await withAdmin(
    template.adminUrl,
    (sql) => sql`create database ${sql(name)} template ${sql(template.name)}`,
  )
  const url = withDatabase(template.adminUrl, name)
  const db = await openDatabase({ databaseUrl: url, dataDir: '' })
  return {
    ...db,
    url,
    async close() {
      await db.close()
      await withAdmin(template.adminUrl, (sql) => sql`drop database if exists ${sql(name)} with (force)`)
    },
  }
}

async function withAdmin<T>(
  url: string,
  task: (sql: ReturnType<typeof createSqlClient>) => Promise<T>,
): Promise<T> {
  const sql = createSqlClient(url, { max: 1 })
  try {
    return await task(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}
