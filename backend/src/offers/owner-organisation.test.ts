import type { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { call, checksum, checksums, square } from '../agreements/interim-use.testing.ts'
import { createApp } from '../app.ts'
import type { AppEnv } from '../http/app-types.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

let counter = 0

/** Registers through the API and returns the answer and the session cookie header. */
async function register(app: Hono<AppEnv>, role: string, extra: Record<string, unknown> = {}) {
  counter += 1
  const reply = await call(app, 'POST', '/api/auth/register', {
    json: {
      email: `org-${counter}-${Date.now()}@example.org`,
      password: 'a long enough password',
      role,
      ...extra,
    },
  })
  const cookie = (reply.headers.get('set-cookie') ?? '').split(';')[0] as string
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
    expect(owner.reply.status).toBe(201)
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
    const resident = await register(app, 'resident', { organisation: 'Mieterverein (Test)' })
    expect(resident.reply.status).toBe(422)
    expect(resident.reply.headers.get('content-type')).toContain('application/problem+json')
    expect(resident.reply.body.detail).toContain('organisation: only owners')
    expect(resident.reply.headers.get('set-cookie')).toBeNull()
    expect({ ...(await checksums(db().sql)), parties: await checksum(db().sql, 'parties') }).toEqual(before)
  })
})
