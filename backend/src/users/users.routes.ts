import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { requireRole } from '../auth/require-role.ts'
import { deleteSessionsOf } from '../auth/sessions.queries.ts'
import { revokeApiTokensOf } from '../auth/tokens.queries.ts'
import { accountChangeSchema, newAccountSchema } from '../contract/accounts.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathIdOr } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { limitBody, readJson } from '../http/read-json.ts'
import { createAccount } from './accounts.queries.ts'
import { listAccounts, updateAccount } from './users.queries.ts'

/** /api/users: the city's administrators list and create accounts, change roles, disable and link owners (audited). */
export const userRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .use(limitBody)
  .get('/', async (c) => c.json(await listAccounts(c.get('db').sql)))
  .post('/', async (c) => {
    const input = await readJson(c, newAccountSchema)
    const account = await c.get('db').sql.begin(async (tx) => {
      const created = await createAccount(tx, input)
      await audit(tx, c.get('user'), 'create', 'users', [created.id])
      return created
    })
    return c.json(account, 201)
  })
  .patch('/:id', async (c) => {
    const { sql } = c.get('db')
    const id = pathIdOr(c.req.param('id'), notFound)
    const change = await readJson(c, accountChangeSchema)
    // An admin who demotes or disables themselves could leave the city without any admin.
    if (id === c.get('user')?.id && (change.role !== undefined || change.disabled !== undefined)) {
      throw new Problem(
        422,
        'own-account',
        'You cannot change your own role or disable yourself',
        'ask another admin',
      )
    }
    const account = await sql.begin(async (tx) => {
      const updated = await updateAccount(tx, id, change)
      if (updated) await audit(tx, c.get('user'), 'update', 'users', [updated.id])
      if (updated?.disabled_at) {
        await deleteSessionsOf(tx, updated.id)
        await revokeApiTokensOf(tx, updated.id)
      }
      return updated
    })
    if (!account) throw notFound(c.req.param('id'))
    return c.json(account)
  })

function notFound(id: string): Problem {
  return new Problem(404, 'not-found', 'User not found', `there is no user ${id}`)
}
