import type { Hono } from 'hono'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import type { Database } from '../db/database.ts'
import type { AppEnv, Role } from '../http/app-types.ts'
import { call, fileForm, pdfBytes, square } from './interim-use.testing.ts'

export type Caller = { id: number; email: string; password: string; headers: Record<string, string> }

/** A user of `role` with a bearer token (and optional display name). */
export async function caller(db: Database, role: Role, displayName?: string): Promise<Caller> {
  const user = await createUser(db, role, displayName ? { display_name: displayName } : {})
  const { token } = await createApiToken(db.sql, user.id, 'test')
  return {
    id: user.id,
    email: user.email,
    password: user.password,
    headers: { Authorization: `Bearer ${token}` },
  }
}

export type Scenario = {
  owner: Caller
  planner: Caller
  offerId: number
  plotId: number
  agreementId: number
  documentId: number
}

/**
 * An owner's offer (with contact and conditions), accepted by a planner, an active agreement from
 * it with a document. `text` goes into every free-text field, e.g. a canary marker.
 */
export async function activeAgreement(
  app: Hono<AppEnv>,
  db: Database,
  text = 'Testtext',
  at = [12.3125, 51.3402],
): Promise<Scenario> {
  const [lon, lat] = at as [number, number]
  const owner = await caller(db, 'owner', `${text} display`)
  const planner = await caller(db, 'planner')
  const offer = await call(app, 'POST', '/api/offers', {
    headers: owner.headers,
    json: {
      geometry: square(lon, lat),
      allowed_uses: ['community_garden'],
      conditions: `${text} conditions`,
      contact: {
        contact_name: `${text} name`,
        street_address: `${text} street`,
        postcode: '04177',
        city: `${text} city`,
        email: `${text.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`,
        phone: `${text} phone`,
      },
    },
  })
  if (offer.status !== 201) throw new Error(`offer: ${offer.status} ${offer.text}`)
  const accepted = await call(app, 'POST', `/api/offers/${offer.body.id}/accept`, {
    headers: planner.headers,
  })
  const plotId = accepted.body.plot_id as number
  await db.sql`update plots set internal_notes = ${`${text} plot notes`} where id = ${plotId}`
  const agreement = await call(app, 'POST', '/api/agreements', {
    headers: planner.headers,
    json: {
      offer_id: offer.body.id,
      term_start: '2026-01-01',
      term_end: '2030-12-31',
      conditions: `${text} agreement conditions`,
      internal_notes: `${text} internal notes`,
      parties: [
        {
          role: 'user',
          party: {
            kind: 'organisation',
            public_name: 'Nachbarschaftsgarten (Test)',
            contact: { contact_name: `${text} club contact` },
          },
        },
        {
          role: 'intermediary',
          party: {
            kind: 'person',
            contact: { contact_name: `${text} intermediary`, email: 'mediator@example.org' },
          },
        },
      ],
    },
  })
  if (agreement.status !== 201) throw new Error(`agreement: ${agreement.status} ${agreement.text}`)
  const agreementId = agreement.body.id as number
  for (const to of ['negotiating', 'signed', 'active']) {
    await call(app, 'POST', `/api/agreements/${agreementId}/transitions`, {
      headers: planner.headers,
      json: { to },
    })
  }
  const document = await call(app, 'POST', `/api/agreements/${agreementId}/documents`, {
    headers: planner.headers,
    body: fileForm(pdfBytes(`${text} document body`), `${text} contract.pdf`),
  })
  if (document.status !== 201) throw new Error(`document: ${document.status} ${document.text}`)
  return { owner, planner, offerId: offer.body.id, plotId, agreementId, documentId: document.body.id }
}
