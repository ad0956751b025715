import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import { newOfferSchema, type Offer, offerPatchSchema, offerStatusFilter } from '../contract/offers.schema.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv, CurrentUser } from '../http/app-types.ts'
import { limitBodyTo } from '../http/body-limit.ts'
import { idempotent } from '../http/idempotency.ts'
import { Problem } from '../http/problem.ts'
import { readJson } from '../http/read-json.ts'
import { ifMatchCondition } from '../http/version-match.ts'
import { assertOfferGeometry } from './offer-geometry.ts'
import { offerId, offerNotFound, offerRecord } from './offer-params.ts'
import { offerReviewRoutes } from './offer-review.routes.ts'
import { reviseOffer, submitOffer, withdrawOffer } from './offer-workflow.ts'
import { findOffer, listOffers } from './offers.queries.ts'

/** Largest offer body: a drawn area of up to 50,000 vertices fits. */
const maxOfferBytes = 4 * 1024 * 1024

export const limitOfferBody = limitBodyTo(maxOfferBytes)

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
    const offer = await writeAs(sql, user, (tx) => submitOffer(tx, user, input))
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
    const expected = ifMatchCondition(c.req.header('if-match'), offerRecord)
    const patch = await readJson(c, offerPatchSchema)
    const { sql } = c.get('db')
    if (patch.geometry !== undefined) await assertOfferGeometry(sql, patch.geometry)
    const offer = await writeAs(sql, user, (tx) => reviseOffer(tx, user, id, expected, patch))
    c.header('ETag', `"${offer.version}"`)
    return c.json(offer)
  })
  .post('/:id/withdraw', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner'])
    const id = offerId(c.req.param('id'))
    const { sql } = c.get('db')
    const offer = await writeAs(sql, user, (tx) => withdrawOffer(tx, user, id))
    return c.json(offer)
  })
  .route('/', offerReviewRoutes)
