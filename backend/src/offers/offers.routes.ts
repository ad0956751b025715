import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readJson } from '../auth/read-json.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv, CurrentUser } from '../http/app-types.ts'
import { idempotent } from '../http/idempotency.ts'
import { Problem } from '../http/problem.ts'
import { ifMatchVersion, versionMismatch } from '../http/version-match.ts'
import { audit } from '../privacy/audit.queries.ts'
import { assertOfferGeometry } from './offer-geometry.ts'
import { notifyOfferStatus, notifyReviewers } from './offer-notices.ts'
import { offerId, offerNotFound, offerRecord } from './offer-params.ts'
import { offerReviewRoutes } from './offer-review.routes.ts'
import {
  ensureOwnerParty,
  findOffer,
  insertOffer,
  listOffers,
  type Offer,
  saveContact,
  setOfferStatus,
  updateOffer,
} from './offers.queries.ts'
import { newOfferSchema, offerPatchSchema, offerStatusFilter } from './offers.schema.ts'

/** Largest offer body: a drawn area of up to 50,000 vertices fits. */
const maxOfferBytes = 4 * 1024 * 1024

export const limitOfferBody = bodyLimit({
  maxSize: maxOfferBytes,
  onError: () => {
    throw new Problem(413, 'body-too-large', 'Request body too large', `at most ${maxOfferBytes} bytes`)
  },
})

const editable = ['submitted', 'changes_requested'] as const

/** Records the read of offers and their owners' contacts. */
export async function auditOfferRead(sql: Parameters<typeof audit>[0], user: CurrentUser, offers: Offer[]) {
  await audit(
    sql,
    user,
    'read',
    'offers',
    offers.map((offer) => offer.id),
  )
  const parties = offers.filter((offer) => offer.contact && offer.owner_party_id !== null)
  await audit(
    sql,
    user,
    'read',
    'party_contacts',
    parties.map((offer) => offer.owner_party_id as number),
  )
}

/** /api/offers: owners offer land (submit, revise, withdraw); planners review it (offer-review.routes.ts). */
export const offerRoutes = new Hono<AppEnv>()
  .use(limitOfferBody)
  .get('/', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'planner', 'admin'])
    const status = c.req.query('status')
    const filter = status === undefined ? undefined : offerStatusFilter.safeParse(status)
    if (filter && !filter.success) {
      throw new Problem(
        400,
        'invalid-parameter',
        'Unknown status',
        `status must be one of ${offerStatusFilter.options.join(', ')}`,
      )
    }
    const { sql } = c.get('db')
    const offers = await listOffers(sql, user, filter?.data)
    await auditOfferRead(sql, user, offers)
    c.header('Cache-Control', 'private, no-store')
    return c.json({ offers })
  })
  .post('/', idempotent(), async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner'])
    const input = await readJson(c, newOfferSchema)
    const { sql } = c.get('db')
    if (input.geometry !== undefined) await assertOfferGeometry(sql, input.geometry)
    const offer = await writeAs(sql, user, async (tx) => {
      const partyId = await ensureOwnerParty(tx, user.id, input.organisation)
      if (input.contact) await saveContact(tx, partyId, input.contact)
      const id = await insertOffer(tx, user.id, partyId, input)
      const created = (await findOffer(tx, user, id)) as Offer
      await audit(tx, user, 'create', 'offers', [id])
      if (input.contact) await audit(tx, user, 'update', 'party_contacts', [partyId])
      await notifyOfferStatus(tx, created, 'submitted')
      await notifyReviewers(tx, id, false)
      return created
    })
    c.header('Location', `/api/offers/${offer.id}`)
    c.header('ETag', `"${offer.version}"`)
    return c.json(offer, 201)
  })
  .get('/:id', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'planner', 'admin'])
    const { sql } = c.get('db')
    const offer = await findOffer(sql, user, offerId(c.req.param('id')))
    if (!offer) throw offerNotFound(c.req.param('id'))
    await auditOfferRead(sql, user, [offer])
    c.header('Cache-Control', 'private, no-store')
    c.header('ETag', `"${offer.version}"`)
    return c.json(offer)
  })
  .patch('/:id', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner'])
    const id = offerId(c.req.param('id'))
    const expected = ifMatchVersion(c.req.header('if-match'), offerRecord)
    const patch = await readJson(c, offerPatchSchema)
    const { sql } = c.get('db')
    if (patch.geometry !== undefined) await assertOfferGeometry(sql, patch.geometry)
    const offer = await writeAs(sql, user, async (tx) => {
      const current = await findOffer(tx, user, id, true)
      if (!current) throw offerNotFound(id)
      if (current.version !== expected) throw versionMismatch(offerRecord, expected, current.version)
      if (!(editable as readonly string[]).includes(current.status)) {
        throw new Problem(
          409,
          'offer-not-editable',
          'The offer can no longer be changed',
          `offer ${id} is ${current.status}; owners change offers only while they are ${editable.join(' or ')}`,
          { current_status: current.status },
        )
      }
      await updateOffer(tx, id, patch)
      if (patch.contact && current.owner_party_id)
        await saveContact(tx, current.owner_party_id, patch.contact)
      await audit(tx, user, 'update', 'offers', [id])
      if (patch.contact && current.owner_party_id)
        await audit(tx, user, 'update', 'party_contacts', [current.owner_party_id])
      const updated = (await findOffer(tx, user, id)) as Offer
      if (current.status !== 'submitted') await notifyOfferStatus(tx, updated, 'submitted')
      await notifyReviewers(tx, id, true)
      return updated
    })
    c.header('ETag', `"${offer.version}"`)
    return c.json(offer)
  })
  .post('/:id/withdraw', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner'])
    const id = offerId(c.req.param('id'))
    const { sql } = c.get('db')
    const offer = await writeAs(sql, user, async (tx) => {
      const current = await findOffer(tx, user, id, true)
      if (!current) throw offerNotFound(id)
      if (!['draft', 'submitted', 'changes_requested'].includes(current.status)) {
        throw new Problem(
          409,
          'invalid-offer-transition',
          'The offer cannot be withdrawn',
          `offer ${id} is ${current.status}; only offers not yet decided can be withdrawn`,
          { current_status: current.status, allowed: [] },
        )
      }
      await setOfferStatus(tx, id, 'withdrawn', null)
      await audit(tx, user, 'update', 'offers', [id])
      await notifyOfferStatus(tx, current, 'withdrawn')
      return (await findOffer(tx, user, id)) as Offer
    })
    return c.json(offer)
  })
  .route('/', offerReviewRoutes)
