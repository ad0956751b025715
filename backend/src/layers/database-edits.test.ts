import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import type { FeatureHistory } from '../contract/history.schema.ts'
import type { Database } from '../db/database.ts'
import { createSqlClient, type Sql } from '../db/sql-client.ts'
import { openCopy } from '../test/template-database.ts'

// Edits made directly on the database (QGIS on PostGIS, psql) are first class: the same checks,
// a new version, and a history entry that names the database role. The group role for desktop
// GIS may edit the layer tables and cannot read a table with personal data (sql/012).

const template = inject('template')

const personalDataTables = [
  'users',
  'parties',
  'party_contacts',
  'sessions',
  'api_tokens',
  'login_failures',
  'offers',
  'agreements',
  'agreement_parties',
  'agreement_documents',
  'notifications',
  'outbox',
  'audit_log',
  'erasures',
  'registrations',
  'mail_opt_outs',
  'idempotency_keys',
  'history',
]

let db: Database & { url?: string }

beforeAll(async () => {
  db = await openCopy(template)
})

afterAll(async () => {
  await db?.close()
})

async function plotId(): Promise<number> {
  const [garden] = await db.sql<{ id: number }[]>`
    select id from plots where name = 'Nachbarschaftsgärten Josephstraße'`
  return garden?.id ?? 0
}

async function history(id: number): Promise<FeatureHistory> {
  const app = createApp(db)
  const response = await app.request(`/api/collections/plots/items/${id}/history`, {
    headers: await authHeaders(db, 'planner'),
  })
  return (await response.json()) as FeatureHistory
}

describe('a plain-SQL edit', () => {
  it('bumps the version and appears in history as edited in the database by its role', async () => {
    const id = await plotId()
    const [before] = await db.sql<{ version: number }[]>`select version from plots where id = ${id}`
    await db.sql.begin(async (tx) => {
      await tx`set local application_name = 'psql'`
      await tx`update plots set geom = st_translate(geom, 0.0001, 0) where id = ${id}`
    })
    const [after] = await db.sql<{ version: number; role: string }[]>`
      select version, session_user as role from plots where id = ${id}`
    expect(after?.version).toBe((before?.version ?? 0) + 1)
    const last = (await history(id)).versions.at(-1)
    expect(last).toMatchObject({ version: after?.version, author: null, databaseRole: after?.role })
  })

  it('passes the same geometry checks as the API: an invalid or empty geometry is refused', async () => {
    const id = await plotId()
    await expect(
      db.sql`update plots set geom = 'SRID=4326;MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))' where id = ${id}`,
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      db.sql`update plots set geom = 'SRID=4326;MULTIPOLYGON EMPTY' where id = ${id}`,
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      db.sql`update plots set geom = 'SRID=4326;POINT(12.3 51.3)' where id = ${id}`,
    ).rejects.toMatchObject({ code: '22023' })
  })

  it('by the app itself (seed, import) stays import/system, without a role', async () => {
    const id = await plotId()
    await db.sql`update plots set description = description where id = ${id}`
    expect((await history(id)).versions.at(-1)).toMatchObject({ author: null, databaseRole: null })
  })
})

describe.skipIf(template.engine !== 'postgresql')('the role for desktop GIS', () => {
  const login = `feed_gis_${Date.now().toString(36)}`
  let gis: Sql

  beforeAll(async () => {
    await db.sql.unsafe(`create role ${login} login in role quartiersatlas_gis_editor`)
    const url = new URL(db.url ?? '')
    url.username = login
    gis = createSqlClient(url.toString(), { max: 1 })
  })

  afterAll(async () => {
    await gis?.end({ timeout: 1 })
    await db.sql.unsafe(`drop owned by ${login}`)
    await db.sql.unsafe(`drop role if exists ${login}`)
  })

  it('may edit a plot, which history records under its login', async () => {
    const id = await plotId()
    await gis.begin(async (tx) => {
      await tx`set local application_name = 'QGIS'`
      await tx`update plots set geom = st_translate(geom, 0.0001, 0) where id = ${id}`
    })
    const [created] = await gis<{ id: number }[]>`
      insert into places (name, geom) values ('Feed test place', st_setsrid(st_point(12.33, 51.33), 4326))
      returning id`
    expect(created?.id).toBeGreaterThan(0)
    expect((await history(id)).versions.at(-1)).toMatchObject({ author: null, databaseRole: login })
  })

  it.each(personalDataTables)('may not read %s', async (table) => {
    await expect(gis.unsafe(`select * from ${table} limit 1`)).rejects.toMatchObject({ code: '42501' })
  })
})
