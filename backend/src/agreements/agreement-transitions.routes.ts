import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import type { Agreement } from '../contract/agreements.schema.ts'
import { transitionSchema } from '../contract/agreements.schema.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { readJson } from '../http/read-json.ts'
import { plotBbox, plotsLayer } from '../offers/plot-from-offer.queries.ts'
import {
  type AgreementStatus,
  canTransition,
  nextStates,
  publicStatuses,
  updatePlotsFor,
} from './agreement-lifecycle.ts'
import { notifyAgreementStatus } from './agreement-notices.ts'
import { agreementBbox, agreementId, agreementNotFound, interimUsesLayer } from './agreement-params.ts'
import { findAgreement } from './agreements.queries.ts'

/** POST /api/agreements/{id}/transitions { to, reason? }: one dated, attributed lifecycle step. */
export const transitionRoutes = new Hono<AppEnv>().post('/:id/transitions', async (c) => {
  const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
  const id = agreementId(c.req.param('id'))
  const { to, reason } = await readJson(c, transitionSchema)
  const { sql } = c.get('db')
  const result = await writeAs(sql, user, async (tx) => {
    const current = await findAgreement(tx, user, id, true)
    if (!current) throw agreementNotFound(id)
    const from = current.status as AgreementStatus
    if (!canTransition(from, to)) {
      const allowed = nextStates[from]
      throw new Problem(
        409,
        'invalid-transition',
        `An agreement cannot go from ${from} to ${to}`,
        allowed.length > 0
          ? `agreement ${id} is ${from}; it can go to ${allowed.join(' or ')}`
          : `agreement ${id} is ${from}, which is final; it stays in the record`,
        { current_status: from, allowed },
      )
    }
    if (to === 'terminated' && !reason) {
      throw new Problem(
        422,
        'reason-required',
        'A reason is required',
        'say why the agreement ends early (reason)',
        {
          errors: [{ field: 'reason', message: 'a reason is required to terminate early' }],
        },
      )
    }
    const before = await agreementBbox(tx, id)
    await tx`update agreements set status = ${to} where id = ${id}`
    await tx`
      insert into agreement_transitions (agreement_id, from_status, to_status, reason, changed_by)
      values (${id}, ${from}, ${to}, ${reason ?? null}, ${user.id})`
    const plots = await updatePlotsFor(tx, id, to)
    const plotBoxes = await Promise.all(
      plots.map(async (plotId) => ({ plotId, bbox: await plotBbox(tx, plotId) })),
    )
    await audit(tx, user, 'update', 'agreements', [id])
    await notifyAgreementStatus(tx, current, to, reason ?? null)
    return { agreement: (await findAgreement(tx, user, id)) as Agreement, from, before, plotBoxes }
  })
  const events = c.get('events')
  for (const { plotId, bbox } of result.plotBoxes) {
    events.announce({ layer: plotsLayer, featureId: plotId, before: bbox, after: bbox })
  }
  const wasPublic = (publicStatuses as readonly string[]).includes(result.from)
  const isPublic = (publicStatuses as readonly string[]).includes(to)
  if (wasPublic || isPublic) {
    events.announce({
      layer: interimUsesLayer,
      featureId: id,
      before: wasPublic ? result.before : null,
      after: isPublic ? result.before : null,
    })
  }
  c.header('ETag', `"${result.agreement.version}"`)
  return c.json(result.agreement)
})
