import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders, createUser, registerConfirmed } from '../auth/auth.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { call, checksums, square } from './interim-use.testing.ts'
import { activeAgreement } from './interim-use-scenario.testing.ts'
import { interimUseIdsInTile, tileOver } from './tile-check.testing.ts'

const db = useTestDatabase()

// A plot drawn in Leipzig-Lindenau, away from the demo plots.
const drawn = square(12.3105, 51.3385)

describe('interim use end to end', () => {
  it('takes an owner’s drawn offer through review and agreement to the public map, and tells the owner each step', async () => {
    const app = createApp(db())
    const { sql } = db()
    const email = `owner-flow-${Date.now()}@example.org`
    const registered = await registerConfirmed(app, db(), {
      email,
      password: 'a long enough password',
      role: 'owner',
    })
    expect(registered.response.status).toBe(200)
    const cookie = registered.cookie
    const owner = { Cookie: cookie }
    const planner = await authHeaders(db(), 'planner')

    const submitted = await call(app, 'POST', '/api/offers', {
      headers: owner,
      json: {
        title: 'Brache an der Straße',
        geometry: drawn,
        available_from: '2026-05-01',
        available_until: '2031-04-30',
        allowed_uses: ['community_garden', 'art'],
        conditions: 'keine festen Bauten',
        contact: { contact_name: 'Eigentümerin', phone: '0341 000000' },
      },
    })
    expect(submitted.status).toBe(201)
    expect(submitted.body).toMatchObject({ status: 'submitted', allowed_uses: ['community_garden', 'art'] })
    expect(submitted.body.area_m2).toBeGreaterThan(4000)
    const offerId = submitted.body.id as number

    const queue = await call(app, 'GET', '/api/offers?status=submitted', { headers: planner })
    expect(queue.body.offers.map((o: { id: number }) => o.id)).toContain(offerId)

    const accepted = await call(app, 'POST', `/api/offers/${offerId}/accept`, { headers: planner })
    expect(accepted.status).toBe(200)
    expect(accepted.body.status).toBe('accepted')
    const plotId = accepted.body.plot_id as number
    const [plot] = await sql`select status, name, owner_party_id from plots where id = ${plotId}`
    expect(plot).toMatchObject({ status: 'offered', owner_party_id: submitted.body.owner_party_id })
    const [plotHistory] =
      await sql`select changed_by from history where table_name = 'plots' and row_id = ${plotId}`
    expect(plotHistory?.changed_by).toBeTypeOf('number')

    const created = await call(app, 'POST', '/api/agreements', {
      headers: planner,
      json: {
        offer_id: offerId,
        use: 'community_garden',
        term_start: '2026-06-01',
        term_end: '2036-05-31',
        notice_period_months: 6,
        clearance_paid_by: 'Stadt Leipzig',
        conditions: 'öffentlich zugänglich von 8 bis 20 Uhr',
        internal_notes: 'Versicherung prüfen',
        parties: [{ role: 'user', party: { kind: 'organisation', public_name: 'Gartenverein Flow (Test)' } }],
      },
    })
    expect(created.status).toBe(201)
    expect(created.body.status).toBe('draft')
    expect(created.body.plots.map((p: { id: number }) => p.id)).toEqual([plotId])
    expect(created.body.parties.map((p: { role: string }) => p.role).sort()).toEqual(['owner', 'user'])
    const agreementId = created.body.id as number

    for (const to of ['negotiating', 'signed', 'active']) {
      const step = await call(app, 'POST', `/api/agreements/${agreementId}/transitions`, {
        headers: planner,
        json: { to },
      })
      expect(step.status, step.text).toBe(200)
      expect(step.body.status).toBe(to)
    }
    const [active] = await sql`select status from plots where id = ${plotId}`
    expect(active?.status).toBe('interim_use')
    const steps =
      await sql`select from_status, to_status, changed_by, changed_at from agreement_transitions where agreement_id = ${agreementId} order by id`
    expect(steps.map((s) => s.to_status)).toEqual(['draft', 'negotiating', 'signed', 'active'])
    expect(steps.every((s) => s.changed_by !== null && s.changed_at !== null)).toBe(true)

    // On the public map: the collection and a tile.
    const feature = await call(app, 'GET', `/api/collections/interim-uses/items/${agreementId}`)
    expect(feature.status).toBe(200)
    expect(feature.body.properties).toMatchObject({
      use: 'community_garden',
      organisation: 'Gartenverein Flow (Test)',
    })
    expect(JSON.stringify(feature.body)).not.toContain('Versicherung prüfen')
    const ids = await interimUseIdsInTile(app, tileOver(12.3109, 51.3389, 15))
    expect(ids).toContain(agreementId)

    // The owner saw every step.
    const notifications = await call(app, 'GET', '/api/notifications', { headers: owner })
    expect(notifications.body.notifications.map((n: { kind: string }) => n.kind).reverse()).toEqual([
      'offer.submitted',
      'offer.accepted',
      'agreement.draft',
      'agreement.negotiating',
      'agreement.signed',
      'agreement.active',
    ])
    // The confirmation link, then one mail per notice.
    const mails = await sql`select subject from outbox where recipient = ${email} order by id`
    expect(mails).toHaveLength(7)
    const mine = await call(app, 'GET', '/api/agreements', { headers: owner })
    expect(mine.body.agreements).toHaveLength(1)
    expect(mine.body.agreements[0]).toMatchObject({
      id: agreementId,
      status: 'active',
      conditions: 'öffentlich zugänglich von 8 bis 20 Uhr',
    })
    expect(mine.body.agreements[0]).not.toHaveProperty('internal_notes')
    const offers = await call(app, 'GET', '/api/offers', { headers: owner })
    expect(offers.body.offers).toMatchObject([{ id: offerId, status: 'accepted', plot_id: plotId }])
  })

  it('refuses draft → ended with a 409 naming the next state, and changes nothing', async () => {
    const app = createApp(db())
    const planner = await authHeaders(db(), 'planner')
    const [plot] = await db().sql`select id from plots order by id limit 1`
    const created = await call(app, 'POST', '/api/agreements', {
      headers: planner,
      json: { name: 'Probe', plot_ids: [plot?.id] },
    })
    expect(created.status).toBe(201)
    const before = await checksums(db().sql)
    const refused = await call(app, 'POST', `/api/agreements/${created.body.id}/transitions`, {
      headers: planner,
      json: { to: 'ended' },
    })
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(refused.body).toMatchObject({ status: 409, allowed: ['negotiating'] })
    expect(refused.body.detail).toContain('negotiating')
    expect(await checksums(db().sql)).toEqual(before)
  })

  it('keeps ended and terminated agreements closed: no step leads out of them (409, nothing changed)', async () => {
    const app = createApp(db())
    const step = (
      s: { planner: { headers: Record<string, string> }; agreementId: number },
      to: string,
      reason?: string,
    ) =>
      call(app, 'POST', `/api/agreements/${s.agreementId}/transitions`, {
        headers: s.planner.headers,
        json: { to, ...(reason ? { reason } : {}) },
      })
    const ended = await activeAgreement(app, db(), 'Beendet', [12.3009, 51.3402])
    for (const to of ['ending', 'ended']) expect((await step(ended, to)).status).toBe(200)
    const terminated = await activeAgreement(app, db(), 'Gekündigt', [12.2989, 51.3402])
    expect((await step(terminated, 'terminated', 'Eigentümer baut')).status).toBe(200)
    const before = await checksums(db().sql)
    for (const closed of [ended, terminated]) {
      for (const to of ['draft', 'negotiating', 'signed', 'active', 'ending', 'ended', 'terminated']) {
        const refused = await step(closed, to, 'wieder öffnen')
        expect(refused.status, `${closed.agreementId} → ${to}`).toBe(409)
        expect(refused.body).toMatchObject({ allowed: [] })
      }
    }
    expect(await checksums(db().sql)).toEqual(before)
  })

  it('needs a reason to terminate early, and frees the plots afterwards', async () => {
    const app = createApp(db())
    const planner = await authHeaders(db(), 'planner')
    const [plot] = await db().sql`select id from plots where status = 'fallow' order by id limit 1`
    const created = await call(app, 'POST', '/api/agreements', {
      headers: planner,
      json: { name: 'Kurz', plot_ids: [plot?.id] },
    })
    const id = created.body.id
    for (const to of ['negotiating', 'signed', 'active']) {
      await call(app, 'POST', `/api/agreements/${id}/transitions`, { headers: planner, json: { to } })
    }
    const before = await checksums(db().sql)
    const noReason = await call(app, 'POST', `/api/agreements/${id}/transitions`, {
      headers: planner,
      json: { to: 'terminated' },
    })
    expect(noReason.status).toBe(422)
    expect(await checksums(db().sql)).toEqual(before)
    const terminated = await call(app, 'POST', `/api/agreements/${id}/transitions`, {
      headers: planner,
      json: { to: 'terminated', reason: 'Eigentümer baut' },
    })
    expect(terminated.body.status).toBe('terminated')
    const [after] = await db().sql`select status from plots where id = ${plot?.id}`
    expect(after?.status).toBe('fallow')
    const kept = await call(app, 'GET', `/api/agreements/${id}`, { headers: planner })
    expect(kept.body.transitions.at(-1)).toMatchObject({ to_status: 'terminated', reason: 'Eigentümer baut' })
  })

  it('lets a planner edit only with the current ETag', async () => {
    const app = createApp(db())
    const planner = await authHeaders(db(), 'planner')
    const [plot] = await db().sql`select id from plots order by id limit 1`
    const created = await call(app, 'POST', '/api/agreements', {
      headers: planner,
      json: { name: 'ETag', plot_ids: [plot?.id] },
    })
    const etag = created.headers.get('etag') as string
    const missing = await call(app, 'PATCH', `/api/agreements/${created.body.id}`, {
      headers: planner,
      json: { upkeep_by: 'Verein' },
    })
    expect(missing.status).toBe(428)
    const ok = await call(app, 'PATCH', `/api/agreements/${created.body.id}`, {
      headers: { ...planner, 'If-Match': etag },
      json: { upkeep_by: 'Verein' },
    })
    expect(ok.status).toBe(200)
    expect(ok.body.upkeep_by).toBe('Verein')
    const before = await checksums(db().sql)
    const stale = await call(app, 'PATCH', `/api/agreements/${created.body.id}`, {
      headers: { ...planner, 'If-Match': etag },
      json: { upkeep_by: 'Stadt' },
    })
    expect(stale.status).toBe(412)
    expect(await checksums(db().sql)).toEqual(before)
  })

  it('asks for changes and declines offers only with a reason, and lets the owner revise and withdraw', async () => {
    const app = createApp(db())
    const planner = await authHeaders(db(), 'planner')
    const owner = await createUser(db(), 'owner')
    const { createApiToken } = await import('../auth/tokens.queries.ts')
    const ownerHeaders = { Authorization: `Bearer ${(await createApiToken(db().sql, owner.id, 't')).token}` }
    const offer = await call(app, 'POST', '/api/offers', {
      headers: ownerHeaders,
      json: { geometry: square(12.312, 51.339) },
    })
    const before = await checksums(db().sql)
    const noReason = await call(app, 'POST', `/api/offers/${offer.body.id}/decline`, {
      headers: planner,
      json: {},
    })
    expect(noReason.status).toBe(422)
    expect(await checksums(db().sql)).toEqual(before)
    const changes = await call(app, 'POST', `/api/offers/${offer.body.id}/request-changes`, {
      headers: planner,
      json: { reason: 'Fläche genauer zeichnen' },
    })
    expect(changes.body).toMatchObject({
      status: 'changes_requested',
      review_reason: 'Fläche genauer zeichnen',
    })
    const reread = await call(app, 'GET', `/api/offers/${offer.body.id}`, { headers: ownerHeaders })
    const revised = await call(app, 'PATCH', `/api/offers/${offer.body.id}`, {
      headers: { ...ownerHeaders, 'If-Match': reread.headers.get('etag') as string },
      json: { geometry: square(12.312, 51.339, 0.0005) },
    })
    expect(revised.body.status).toBe('submitted')
    const withdrawn = await call(app, 'POST', `/api/offers/${offer.body.id}/withdraw`, {
      headers: ownerHeaders,
    })
    expect(withdrawn.body.status).toBe('withdrawn')
    const again = await call(app, 'POST', `/api/offers/${offer.body.id}/accept`, { headers: planner })
    expect(again.status).toBe(409)
    const bad = await call(app, 'POST', '/api/offers', {
      headers: ownerHeaders,
      json: {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [12.3, 51.3],
              [12.31, 51.31],
              [12.31, 51.3],
              [12.3, 51.31],
              [12.3, 51.3],
            ],
          ],
        },
      },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.detail).toMatch(/self-intersection/i)
  })
})
