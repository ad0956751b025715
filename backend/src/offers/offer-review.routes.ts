import { type Context, Hono } from 'hono'
import { readJson } from '../auth/read-json.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import { acceptSchema, type Offer, type OfferStatus, reasonSchema } from '../contract/offers.schema.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { audit } from '../privacy/audit.queries.ts'
import { notifyOfferStatus } from './offer-notices.ts'
import { offerId, offerNotFound } from './offer-params.ts'
import { findOffer, setOfferStatus } from './offers.queries.ts'
import { plotFromOffer, plotsLayer } from './plot-from-offer.queries.ts'

// A planner's decisions on an offer. Only offers waiting for review can be decided; any other
// status answers 409 naming the offer's status.
const reviewable: readonly OfferStatus[] = ['submitted', 'changes_requested']

function assertReviewable(offer: Offer, to: OfferStatus): void {
  if (reviewable.includes(offer.status)) return
  throw new Problem(
    409,
    'invalid-offer-transition',
    `The offer cannot become ${to}`,
    `offer ${offer.id} is ${offer.status}; only ${reviewable.join(' or ')} offers can be reviewed`,
    { current_status: offer.status, allowed: [] },
  )
}

/** POST /api/offers/{id}/accept | request-changes | decline (planner in the offer's area, admin). */
export const offerReviewRoutes = new Hono<AppEnv>()
  .post('/:id/accept', async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const id = offerId(c.req.param('id'))
    const hasBody =
      (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type') !== undefined
    const input = hasBody ? await readJson(c, acceptSchema) : {}
    const { sql } = c.get('db')
    const { offer, change } = await writeAs(sql, user, async (tx) => {
      const current = await findOffer(tx, user, id, true)
      if (!current) throw offerNotFound(id)
      assertReviewable(current, 'accepted')
      const change = await plotFromOffer(tx, current, input.plot_id, input.name)
      await setOfferStatus(tx, id, 'accepted', null, change.plotId)
      await audit(tx, user, 'update', 'offers', [id])
      await notifyOfferStatus(tx, current, 'accepted')
      return { offer: (await findOffer(tx, user, id)) as Offer, change }
    })
    c.get('events').announce({
      layer: plotsLayer,
      featureId: change.plotId,
      before: change.before,
      after: change.after,
    })
    return c.json(offer)
  })
  .post('/:id/request-changes', (c) => decide(c, c.req.param('id'), 'changes_requested'))
  .post('/:id/decline', (c) => decide(c, c.req.param('id'), 'declined'))

async function decide(c: Context<AppEnv>, rawId: string, to: OfferStatus) {
  const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
  const id = offerId(rawId)
  const { reason } = await readJson(c, reasonSchema)
  const offer = await writeAs(c.get('db').sql, user, async (tx) => {
    const current = await findOffer(tx, user, id, true)
    if (!current) throw offerNotFound(id)
    assertReviewable(current, to)
    if (to === 'changes_requested' && current.status === 'changes_requested') {
      throw new Problem(
        409,
        'invalid-offer-transition',
        'Changes were already requested',
        `offer ${id} is waiting for its owner's changes`,
        { current_status: current.status, allowed: ['accepted', 'declined'] },
      )
    }
    await setOfferStatus(tx, id, to, reason)
    await audit(tx, user, 'update', 'offers', [id])
    await notifyOfferStatus(tx, current, to, reason)
    return (await findOffer(tx, user, id)) as Offer
  })
  return c.json(offer)
}
