import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { call } from '../agreements/interim-use.testing.ts'
import { createApp } from '../app.ts'
import { composeMail } from '../mail/mail-compose.ts'
import { adminUrl } from '../test/template-database.ts'
import { type Database, openDatabase } from './database.ts'
import { migrate } from './migrate.ts'
import { createSqlClient } from './sql-client.ts'

// Upgrading a real installation: the previous release's demo database, as pg_dump wrote it,
// migrated by this version, keeps its data and works.

const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'release-28dfff8.sql'), 'utf8')
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** An empty database of the engine under test, with the release's dump loaded. */
async function releaseDatabase(): Promise<Database> {
  const admin = adminUrl()
  if (!admin) {
    const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-upgrade-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    const db = await openDatabase({ dataDir: dir, databaseUrl: undefined })
    cleanups.push(() => db.close())
    await db.sql.unsafe(fixture)
    // pg_dump empties the session's search_path; the embedded database is one session.
    await db.sql`select pg_catalog.set_config('search_path', '"$user", public', false)`
    return db
  }
  const name = `quartiersatlas_upgrade_${process.pid}_${Date.now().toString(36)}`
  const server = createSqlClient(admin, { max: 1 })
  await server`create database ${server(name)}`
  await server.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  const loader = createSqlClient(url.toString(), { max: 1 })
  await loader.unsafe(fixture)
  await loader.end()
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  cleanups.push(async () => {
    await db.close()
    const drop = createSqlClient(admin, { max: 1 })
    await drop`drop database if exists ${drop(name)} with (force)`
    await drop.end()
  })
  return db
}

// A new embedded database installs PostGIS first: tens of seconds on a busy machine.
describe('upgrade from the previous release', () => {
  it('migrates release 28dfff8’s demo database and keeps its data working', async () => {
    const db = await releaseDatabase()
    // The release's plot columns: later migrations add columns (the district tags), and the
    // checksum covers what was there.
    const columns = (
      await db.sql<{ name: string }[]>`
        select column_name as name from information_schema.columns where table_name = 'plots'`
    ).map((row) => row.name)
    const count = async () =>
      (
        await db.sql`
          select (select count(*) from plots)::int as plots, (select count(*) from users)::int as users,
                 (select count(*) from offers)::int as offers, (select count(*) from agreements)::int as agreements,
                 (select count(*) from notifications)::int as notifications, (select count(*) from outbox)::int as outbox,
                 (select md5(string_agg((select jsonb_object_agg(key, value) from jsonb_each(to_jsonb(p))
                                          where key = any(${columns}::text[]))::text, '|' order by id))
                    from plots p) as plots_sum`
      )[0]
    const before = await count()
    expect(before).toMatchObject({
      plots: 16,
      users: 4,
      offers: 1,
      agreements: 8,
      notifications: 1,
      outbox: 1,
    })
    expect((await db.sql`select max(version)::int as v from schema_migrations`)[0]?.v).toBe(6)

    const applied = await migrate(db.sql)
    expect(applied).toContain('11_mail_delivery')
    expect(await count()).toEqual(before)
    // Its notices said both languages in one text; migration 019 gives each language its own.
    const [notice] = await db.sql<{ subject: string; subject_en: string; body: string; body_en: string }[]>`
      select subject, subject_en, body, body_en from notifications where id = 1`
    expect(notice).toMatchObject({ subject: 'Flächenangebot 1: angenommen', subject_en: 'offer 1: accepted' })
    expect(notice?.body).toMatch(/^Ihr Flächenangebot .*angenommen\.$/)
    expect(notice?.body_en).toMatch(/^Your offer .*accepted\.$/)

    // The release's queued mail goes out under this version: its kind and a language came with the migration.
    const [mail] = await db.sql<{ kind: string; language: 'de' | 'en'; subject: string; body: string }[]>`
      select kind, language, subject, body from outbox where sent_at is null`
    expect(mail).toMatchObject({ kind: 'offer.accepted', language: 'de' })
    expect(composeMail(mail as NonNullable<typeof mail>, 'https://atlas.test').text).toContain(
      'weil Sie dieses Flächenangebot',
    )
    const app = createApp(db)
    const login = await call(app, 'POST', '/api/auth/login', {
      json: { email: 'planer@quartiersatlas.example', password: 'demo-planer-2026' },
    })
    expect(login.status).toBe(200)
    const plots = await call(app, 'GET', '/api/collections/plots/items?limit=100')
    expect(plots.body.features).toHaveLength(16)
    const settings = await call(app, 'GET', '/api/notifications/mail', {
      headers: { Cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string },
    })
    expect(settings.body).toMatchObject({ language: 'de', email: { 'offer-review': true } })
  }, 240_000)
})
