import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { assertMayActOn } from '../access/visibility.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import { endingMonthsDefault } from '../config.ts'
import {
  type Agreement,
  agreementColumns,
  agreementPatchSchema,
  newAgreementSchema,
} from '../contract/agreements.schema.ts'
import type { Queries } from '../db/sql-client.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv, CurrentUser } from '../http/app-types.ts'
import { idempotent } from '../http/idempotency.ts'
import { Problem } from '../http/problem.ts'
import { readJson } from '../http/read-json.ts'
import { expectVersion, ifMatchCondition } from '../http/version-match.ts'
import { setColumns } from '../offers/offers.queries.ts'
import { documentRoutes } from './agreement-documents.routes.ts'
import { publicStatuses } from './agreement-lifecycle.ts'
import {
  agreementBbox,
  agreementId,
  agreementNotFound,
  agreementRecord,
  interimUsesLayer,
} from './agreement-params.ts'
import { transitionRoutes } from './agreement-transitions.routes.ts'
import {
  findAgreement,
  isStaff,
  listAgreements,
  setAgreementParties,
  setAgreementPlots,
} from './agreements.queries.ts'
import { createAgreement } from './create-agreement.ts'
import { endingSoon } from './ending-soon.queries.ts'

/** Records the read of agreements' non-public fields and, for staff, their parties' contacts. */
export async function auditAgreementRead(
  sql: Queries,
  user: CurrentUser,
  agreements: Agreement[],
): Promise<void> {
  await audit(
    sql,
    user,
    'read',
    'agreements',
    agreements.map((a) => a.id),
  )
  if (!isStaff(user)) return
  const contacts = agreements.flatMap((a) => a.parties.filter((p) => p.contact).map((p) => p.party_id))
  await audit(sql, user, 'read', 'party_contacts', [...new Set(contacts)])
}

/** /api/agreements: interim-use agreements, their documents and lifecycle. */
export const agreementRoutes = new Hono<AppEnv>()
  .get('/ending-soon', async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const raw = c.req.query('months')
    const months = raw === undefined ? endingMonthsDefault() : Number(raw)
    if (!Number.isInteger(months) || months < 1 || months > 120) {
      throw new Problem(
        400,
        'invalid-parameter',
        'Invalid months',
        'months must be a whole number from 1 to 120',
      )
    }
    c.header('Cache-Control', 'private, no-store')
    return c.json({ months, agreements: await endingSoon(c.get('db').sql, user, months) })
  })
  .get('/', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'planner', 'admin'])
    const { sql } = c.get('db')
    const agreements = await listAgreements(sql, user, c.req.query('status'))
    await auditAgreementRead(sql, user, agreements)
    c.header('Cache-Control', 'private, no-store')
    return c.json({ agreements })
  })
  .post('/', idempotent(), async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const input = await readJson(c, newAgreementSchema)
    const agreement = await writeAs(c.get('db').sql, user, (tx) => createAgreement(tx, user, input))
    c.header('Location', `/api/agreements/${agreement.id}`)
    c.header('ETag', `"${agreement.version}"`)
    return c.json(agreement, 201)
  })
  .get('/:id', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'planner', 'admin'])
    const { sql } = c.get('db')
    const agreement = await findAgreement(sql, user, agreementId(c.req.param('id')))
    if (!agreement) throw agreementNotFound(c.req.param('id'))
    await auditAgreementRead(sql, user, [agreement])
    c.header('Cache-Control', 'private, no-store')
    c.header('ETag', `"${agreement.version}"`)
    return c.json(agreement)
  })
  .patch('/:id', async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const id = agreementId(c.req.param('id'))
    const expected = ifMatchCondition(c.req.header('if-match'), agreementRecord)
    const patch = await readJson(c, agreementPatchSchema)
    const { sql } = c.get('db')
    const { agreement, before, after } = await writeAs(sql, user, async (tx) => {
      const current = await findAgreement(tx, user, id, true)
      if (!current) throw agreementNotFound(id)
      expectVersion(expected, agreementRecord, current.version)
      if (current.status === 'ended' || current.status === 'terminated') {
        throw new Problem(
          409,
          'agreement-closed',
          'The agreement is closed',
          `agreement ${id} is ${current.status} and stays in the record as it was`,
        )
      }
      const before = await agreementBbox(tx, id)
      const values = Object.fromEntries(
        agreementColumns.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      )
      // One update, so the version goes up by exactly one per edit, also when only plots or parties changed.
      if (Object.keys(values).length > 0) await setColumns(tx, 'agreements', 'id', id, values)
      else await tx`update agreements set updated_at = now() where id = ${id}`
      if (patch.plot_ids) {
        await assertMayActOn(tx, user, patch.plot_ids)
        await setAgreementPlots(tx, id, patch.plot_ids)
      }
      if (patch.parties) await setAgreementParties(tx, id, patch.parties)
      await audit(tx, user, 'update', 'agreements', [id])
      return {
        agreement: (await findAgreement(tx, user, id)) as Agreement,
        before,
        after: await agreementBbox(tx, id),
      }
    })
    if ((publicStatuses as readonly string[]).includes(agreement.status)) {
      c.get('events').announce({ layer: interimUsesLayer, featureId: id, before, after })
    }
    c.header('ETag', `"${agreement.version}"`)
    return c.json(agreement)
  })
  .route('/', transitionRoutes)
  .route('/', documentRoutes)
