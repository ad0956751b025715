import { describe, expect, it } from 'vitest'
import { call } from '../agreements/interim-use.testing.ts'
import { activeAgreement, caller } from '../agreements/interim-use-scenario.testing.ts'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { scanForMarker } from './marker-scan.testing.ts'

const db = useTestDatabase()

describe('export and erasure of personal data', () => {
  it('exports everything about the owner, then erases it all except what the agreement record keeps', async () => {
    const app = createApp(db())
    const { sql } = db()
    const marker = `ERASEME${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    const s = await activeAgreement(app, db(), marker)
    const [{ party_id: ownerParty } = { party_id: 0 }] = await sql<
      { party_id: number }[]
    >`select party_id from users where id = ${s.owner.id}`

    await call(app, 'GET', `/api/offers/${s.offerId}`, { headers: s.planner.headers })
    const exported = await call(app, 'GET', '/api/me/data', { headers: s.owner.headers })
    expect(exported.status).toBe(200)
    expect(exported.body.account).toMatchObject({ id: s.owner.id, display_name: `${marker} display` })
    expect(exported.body.party.contact).toMatchObject({
      contact_name: `${marker} name`,
      phone: `${marker} phone`,
    })
    expect(exported.body.offers).toMatchObject([{ id: s.offerId, conditions: `${marker} conditions` }])
    expect(exported.body.agreements).toMatchObject([
      { id: s.agreementId, conditions: `${marker} agreement conditions` },
    ])
    expect(exported.body.notifications.length).toBeGreaterThanOrEqual(6)
    // The planner's read of the offer and its contact is in the owner's export.
    const reads = exported.body.audit.filter(
      (e: { actor_id: number; action: string }) => e.actor_id === s.planner.id && e.action === 'read',
    )
    expect(reads.map((e: { table_name: string }) => e.table_name)).toEqual(
      expect.arrayContaining(['offers', 'party_contacts']),
    )
    // Other people's data is not part of this owner's export.
    expect(exported.text).not.toContain(`${marker} intermediary`)
    expect(exported.text).not.toContain(`${marker} internal notes`)

    // A browser session and a failed sign-in under the e-mail, which erasure removes with the account.
    const signIn = (password: string) =>
      call(app, 'POST', '/api/auth/login', { json: { email: s.owner.email, password } })
    expect((await signIn(s.owner.password)).status).toBe(200)
    expect((await signIn('not the password')).status).toBe(401)
    const traces = async () => {
      const [row] = await sql<{ sessions: number; tokens: number; failures: number }[]>`
        select (select count(*)::int from sessions where user_id = ${s.owner.id}) as sessions,
               (select count(*)::int from api_tokens where user_id = ${s.owner.id}) as tokens,
               (select count(*)::int from login_failures where lower(email) = lower(${s.owner.email})) as failures`
      return row
    }
    expect(await traces()).toEqual({ sessions: 1, tokens: 1, failures: 1 })

    const erased = await call(app, 'POST', '/api/me/erasure', { headers: s.owner.headers })
    expect(erased.status).toBe(200)
    expect(erased.body.summary).toMatchObject({ contact_deleted: true, offers_anonymised: 1 })
    expect((await call(app, 'GET', '/api/me/data', { headers: s.owner.headers })).status).toBe(401)
    expect(await traces()).toEqual({ sessions: 0, tokens: 0, failures: 0 })

    const hits = await scanForMarker(sql, marker)
    console.log('marker left after erasure (kept by rule):', JSON.stringify(hits))
    const kept = new Set([
      'agreements.conditions',
      'agreements.internal_notes',
      'agreement_documents.filename',
      'agreement_documents.content',
      'plots.internal_notes',
      'history.before',
      'history.after',
      'party_contacts.contact_name',
    ])
    for (const hit of hits) expect(kept, `${hit.table}.${hit.column}`).toContain(`${hit.table}.${hit.column}`)
    // What remains in history is the agreement's and the plot's record, never the offer's texts.
    const historyTables = await sql`
      select distinct table_name from history where before::text like ${`%${marker}%`} or after::text like ${`%${marker}%`}`
    expect(historyTables.map((r) => r.table_name).sort()).toEqual(['agreements', 'plots'])
    // Contacts left are other parties' (the user organisation's, the intermediary's), not the owner's.
    const contacts = await sql`select party_id from party_contacts where contact_name like ${`%${marker}%`}`
    expect(contacts.map((r) => r.party_id)).not.toContain(ownerParty)
    expect(contacts).toHaveLength(2)

    const [account] =
      await sql`select email, display_name, password_hash, disabled_at from users where id = ${s.owner.id}`
    expect(account).toMatchObject({
      email: `erased-${s.owner.id}@erased.invalid`,
      display_name: null,
      password_hash: null,
    })
    const [agreement] =
      await sql`select status, term_start, term_end from agreements where id = ${s.agreementId}`
    expect(agreement).toMatchObject({ status: 'active', term_start: '2026-01-01', term_end: '2030-12-31' })

    const admin = await caller(db(), 'admin')
    const auditLog = await call(app, 'GET', `/api/privacy/audit?table=users&row_id=${s.owner.id}`, {
      headers: admin.headers,
    })
    expect(auditLog.body.entries.map((e: { action: string }) => e.action)).toEqual(['erase', 'export'])
    const [record] = await sql`select requested_by, summary from erasures where user_id = ${s.owner.id}`
    expect(record?.requested_by).toBe(s.owner.id)
  })

  it('lets an admin export and erase a resident on request, and nobody else', async () => {
    const app = createApp(db())
    const admin = await caller(db(), 'admin')
    const resident = await caller(db(), 'resident', 'Bewohnerin Testname')
    const planner = await caller(db(), 'planner')
    expect(
      (await call(app, 'POST', `/api/privacy/users/${resident.id}/erasure`, { headers: planner.headers }))
        .status,
    ).toBe(403)
    expect((await call(app, 'POST', '/api/me/erasure', { headers: planner.headers })).status).toBe(403)
    const data = await call(app, 'GET', `/api/privacy/users/${resident.id}/data`, { headers: admin.headers })
    expect(data.body.account.display_name).toBe('Bewohnerin Testname')
    // A registration attempt under the address, kept to count attempts, goes with the erasure.
    const attempt = await call(app, 'POST', '/api/auth/register', {
      json: { email: data.body.account.email, password: 'ein-langes-passwort', role: 'resident' },
    })
    expect(attempt.status).toBe(202)
    const erased = await call(app, 'POST', `/api/privacy/users/${resident.id}/erasure`, {
      headers: admin.headers,
    })
    expect(erased.status).toBe(200)
    const [row] = await db().sql`select display_name from users where id = ${resident.id}`
    expect(row?.display_name).toBeNull()
    const [left] = await db().sql`
      select count(*)::int as n from registrations where lower(email) = lower(${data.body.account.email})`
    expect(left?.n).toBe(0)
    const [record] = await db().sql`select requested_by from erasures where user_id = ${resident.id}`
    expect(record?.requested_by).toBe(admin.id)
    expect(
      (await call(app, 'POST', '/api/privacy/users/99999999/erasure', { headers: admin.headers })).status,
    ).toBe(404)
  })
})
