import { type Context, Hono } from 'hono'
import { requireRoleOf } from '../auth/require-role.ts'
import { acceptSchema, reasonSchema } from '../contract/offers.schema.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv } from '../http/app-types.ts'
import { readJson } from '../http/read-json.ts'
import { offerId } from './offer-params.ts'
import { acceptOffer, confirmOrganisation, decideOffer } from './offer-workflow.ts'
import { plotsLayer } from './plot-from-offer.queries.ts'

// A planner's decisions on an offer (offer-workflow.ts): only offers waiting for review can be
// decided; any other status answers 409 naming the offer's status.

/**
 * POST /api/offers/{id}/accept | request-changes | decline, and confirm-organisation: the planner
 * vouches that the owner speaks for the organisation named (planner in the offer's area, admin).
 */
export const offerReviewRoutes = new Hono<AppEnv>()
  .post('/:id/accept', async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const id = offerId(c.req.param('id'))
    const hasBody =
      (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type') !== undefined
    const input = hasBody ? await readJson(c, acceptSchema) : {}
    const { sql } = c.get('db')
    const { offer, change } = await writeAs(sql, user, (tx) =>
      acceptOffer(tx, user, id, input.plot_id, input.name),
    )
    c.get('events').announce({
      layer: plotsLayer,
      featureId: change.plotId,
      before: change.before,
      after: change.after,
    })
    return c.json(offer)
  })
  .post('/:id/confirm-organisation', async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const id = offerId(c.req.param('id'))
    const offer = await writeAs(c.get('db').sql, user, (tx) => confirmOrganisation(tx, user, id))
    return c.json(offer)
  })
  .post('/:id/request-changes', (c) => decide(c, c.req.param('id'), 'changes_requested'))
  .post('/:id/decline', (c) => decide(c, c.req.param('id'), 'declined'))

async function decide(c: Context<AppEnv>, rawId: string, to: 'changes_requested' | 'declined') {
  const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
  const id = offerId(rawId)
  const { reason } = await readJson(c, reasonSchema)
  const offer = await writeAs(c.get('db').sql, user, (tx) => decideOffer(tx, user, id, to, reason))
  return c.json(offer)
}
