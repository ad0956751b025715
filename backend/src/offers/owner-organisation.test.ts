import type { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { call, checksum, checksums, type Reply, square } from '../agreements/interim-use.testing.ts'
import { createApp } from '../app.ts'
import { createUser, registerConfirmed } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import type { AppEnv } from '../http/app-types.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

let counter = 0

/** Registers through the API, confirms through the mailed link, and returns the answer and the session cookie header. */
async function register(app: Hono<AppEnv>, role: string, extra: Record<string, unknown> = {}) {
  counter += 1
  const { response, cookie } = await registerConfirmed(app, db(), {
    email: `org-${counter}-${Date.now()}@example.org`,
    password: 'a long enough password',
    role,
    ...extra,
  })
  const reply: Omit<Reply, 'text' | 'headers'> = { status: response.status, body: await response.json() }
  return { reply, headers: { Cookie: cookie } }
}

async function partyOf(partyId: number) {
  const [party] = await db().sql<{ kind: string; public_name: string | null }[]>`
    select kind, public_name from parties where id = ${partyId}`
  return party
}

const offerAt = (lon: number, extra: Record<string, unknown> = {}) => ({
  json: { geometry: square(lon, 51.3376, 0.0004), ...extra },
})

describe('owners who act for an organisation', () => {
  it('registers an owner for an organisation: the party is that organisation and planners see its name', async () => {
    const app = createApp(db())
    const name = 'Wohnungsgenossenschaft Lindenauer Hof (Test)'
    const owner = await register(app, 'owner', { organisation: `  ${name} ` })
    expect(owner.reply.status).toBe(200)
    expect(owner.reply.body.party_id).toBeTypeOf('number')
    expect(await partyOf(owner.reply.body.party_id)).toEqual({ kind: 'organisation', public_name: name })
    const offer = await call(app, 'POST', '/api/offers', { headers: owner.headers, ...offerAt(12.3161) })
    expect(offer.status).toBe(201)
    expect(offer.body).toMatchObject({ owner_party_id: owner.reply.body.party_id, owner_organisation: name })
  })

  it('names the organisation at the first offer, keeps it, and refuses another one later (409, unchanged)', async () => {
    const app = createApp(db())
    const owner = await register(app, 'owner')
    expect(owner.reply.body.party_id).toBeNull()
    const first = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      ...offerAt(12.3167, { organisation: 'Brachen-Verein Lindenau (Test)' }),
    })
    expect(first.status).toBe(201)
    expect(await partyOf(first.body.owner_party_id)).toEqual({
      kind: 'organisation',
      public_name: 'Brachen-Verein Lindenau (Test)',
    })
    const same = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      ...offerAt(12.3173, { organisation: 'Brachen-Verein Lindenau (Test)' }),
    })
    expect(same.body).toMatchObject({ owner_party_id: first.body.owner_party_id })

    const before = { ...(await checksums(db().sql)), parties: await checksum(db().sql, 'parties') }
    const other = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      ...offerAt(12.3179, { organisation: 'Eine andere GmbH (Test)' }),
    })
    expect(other.status).toBe(409)
    expect(other.headers.get('content-type')).toContain('application/problem+json')
    expect(other.body.detail).toContain('Brachen-Verein Lindenau (Test)')
    expect({ ...(await checksums(db().sql)), parties: await checksum(db().sql, 'parties') }).toEqual(before)
  })

  it('keeps an owner without an organisation a person, never named, who cannot turn into one later', async () => {
    const app = createApp(db())
    const owner = await register(app, 'owner', { display_name: 'Privat (Test)' })
    const offer = await call(app, 'POST', '/api/offers', { headers: owner.headers, ...offerAt(12.3185) })
    expect(offer.body.owner_organisation).toBeNull()
    expect(await partyOf(offer.body.owner_party_id)).toEqual({ kind: 'person', public_name: null })
    const later = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      ...offerAt(12.3191, { organisation: 'Privat GmbH (Test)' }),
    })
    expect(later.status).toBe(409)
    expect(later.body.detail).toContain('as a person')
  })

  it('refuses an organisation for a resident (422) and stores nothing', async () => {
    const app = createApp(db())
    const before = { ...(await checksums(db().sql)), parties: await checksum(db().sql, 'parties') }
    const resident = await call(app, 'POST', '/api/auth/register', {
      json: {
        email: 'mieterverein@example.org',
        password: 'a long enough password',
        role: 'resident',
        organisation: 'Mieterverein (Test)',
      },
    })
    expect(resident.status).toBe(422)
    expect(resident.headers.get('content-type')).toContain('application/problem+json')
    expect(resident.body.detail).toContain('organisation: only owners')
    expect(resident.headers.get('set-cookie')).toBeNull()
    const [mails] = await db().sql<{ n: number }[]>`
      select count(*)::int as n from outbox where recipient = 'mieterverein@example.org'`
    expect(mails?.n).toBe(0)
    expect({ ...(await checksums(db().sql)), parties: await checksum(db().sql, 'parties') }).toEqual(before)
  })
})

describe('what planners see of who offers', () => {
  it('marks an organisation named by an owner unconfirmed until a planner confirms it', async () => {
    const app = createApp(db())
    const owner = await register(app, 'owner', { organisation: 'Stadtwerke Lindenau (Test)' })
    const offer = await call(app, 'POST', '/api/offers', { headers: owner.headers, ...offerAt(12.3203) })
    expect(offer.body.owner_organisation_confirmed).toBe(false)
    const planner = await createUser(db(), 'planner')
    const plannerHeaders = await authHeadersOf(planner.id)
    const seen = await call(app, 'GET', `/api/offers/${offer.body.id}`, { headers: plannerHeaders })
    expect(seen.body).toMatchObject({
      owner_organisation: 'Stadtwerke Lindenau (Test)',
      owner_organisation_confirmed: false,
    })

    const before = await checksum(db().sql, 'parties')
    const self = await call(app, 'POST', `/api/offers/${offer.body.id}/confirm-organisation`, {
      headers: owner.headers,
    })
    expect(self.status).toBe(403)
    expect(await checksum(db().sql, 'parties')).toBe(before)

    const confirmed = await call(app, 'POST', `/api/offers/${offer.body.id}/confirm-organisation`, {
      headers: plannerHeaders,
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.owner_organisation_confirmed).toBe(true)
    const [party] = await db().sql<{ confirmed_by: number }[]>`
      select confirmed_by from parties where id = ${offer.body.owner_party_id}`
    expect(Number(party?.confirmed_by)).toBe(planner.id)

    const person = await register(app, 'owner')
    const personal = await call(app, 'POST', '/api/offers', { headers: person.headers, ...offerAt(12.3209) })
    expect(personal.body.owner_organisation_confirmed).toBeNull()
    const nothing = await call(app, 'POST', `/api/offers/${personal.body.id}/confirm-organisation`, {
      headers: plannerHeaders,
    })
    expect(nothing.status).toBe(409)
  })

  it("flags, for planners only, an offer of a plot mapped as another party's", async () => {
    const app = createApp(db())
    const [plot] = await db().sql<{ id: number; owner_party_id: number }[]>`
      select id, owner_party_id from plots where owner_party_id is not null order by id limit 1`
    if (!plot) throw new Error('the demo data has no plot with an owner')
    const stranger = await register(app, 'owner', { organisation: 'Fremde Hand GmbH (Test)' })
    const foreign = await call(app, 'POST', '/api/offers', {
      headers: stranger.headers,
      json: { plot_id: plot.id, title: 'Nicht meine Fläche' },
    })
    expect(foreign.status).toBe(201)
    expect(foreign.body.plot_of_other_party).toBeNull()

    const rightful = await createUser(db(), 'owner', { party_id: Number(plot.owner_party_id) })
    const own = await call(app, 'POST', '/api/offers', {
      headers: await authHeadersOf(rightful.id),
      json: { plot_id: plot.id, title: 'Unsere Fläche' },
    })
    expect(own.status).toBe(201)

    const planner = await authHeadersOf((await createUser(db(), 'planner')).id)
    const queue = await call(app, 'GET', '/api/offers?status=submitted', { headers: planner })
    const flags = Object.fromEntries(
      queue.body.offers.map((offer: { id: number; plot_of_other_party: boolean }) => [
        offer.id,
        offer.plot_of_other_party,
      ]),
    )
    expect(flags[foreign.body.id]).toBe(true)
    expect(flags[own.body.id]).toBe(false)
  })
})

async function authHeadersOf(userId: number): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${(await createApiToken(db().sql, userId, 'test')).token}` }
}
