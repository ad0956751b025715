import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { requireRoleOf, requireUser } from '../auth/require-role.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathIdOr } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { eraseUser } from './erasure.queries.ts'
import { personalData } from './personal-data.queries.ts'

function userNotFound(id: string) {
  return new Problem(404, 'not-found', 'User not found', `there is no user ${id}`)
}

/** /api/me/data and /api/me/erasure: the caller's own export and erasure. */
export const meRoutes = new Hono<AppEnv>()
  .get('/data', async (c) => {
    const user = requireUser(c.get('user'))
    const { sql } = c.get('db')
    await audit(sql, user, 'export', 'users', [user.id])
    const data = await personalData(sql, user.id)
    c.header('Cache-Control', 'private, no-store')
    c.header('Content-Disposition', 'attachment; filename="quartiersatlas-my-data.json"')
    return c.json(data)
  })
  .post('/erasure', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'resident'])
    const summary = await writeAs(c.get('db').sql, user, (tx) => eraseUser(tx, user.id, user.id))
    return c.json({ erased: true, summary })
  })

/** /api/privacy: an admin's export and erasure on a person's request, and the audit log. */
export const privacyAdminRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    requireRoleOf(c.get('user'), ['admin'])
    await next()
  })
  .get('/users/:id/data', async (c) => {
    const admin = requireRoleOf(c.get('user'), ['admin'])
    const id = pathIdOr(c.req.param('id'), userNotFound)
    const { sql } = c.get('db')
    const data = await personalData(sql, id)
    if (!data) throw userNotFound(c.req.param('id'))
    await audit(sql, admin, 'export', 'users', [id])
    c.header('Cache-Control', 'private, no-store')
    return c.json(data)
  })
  .post('/users/:id/erasure', async (c) => {
    const admin = requireRoleOf(c.get('user'), ['admin'])
    const id = pathIdOr(c.req.param('id'), userNotFound)
    if (id === admin.id) {
      throw new Problem(
        409,
        'self-erasure',
        'Admins cannot erase themselves',
        'ask another admin, so that someone can still manage the installation',
      )
    }
    const summary = await writeAs(c.get('db').sql, admin, (tx) => eraseUser(tx, id, admin.id))
    if (!summary) throw userNotFound(c.req.param('id'))
    return c.json({ erased: true, summary })
  })
  .get('/audit', async (c) => {
    const table = c.req.query('table')
    const row = c.req.query('row_id')
    const actor = c.req.query('actor_id')
    const { sql } = c.get('db')
    const entries = await sql`
      select id, actor_id, action, table_name, row_id, at from audit_log
       where (${table ?? null}::text is null or table_name = ${table ?? null})
         and (${row ?? null}::bigint is null or row_id = ${row ?? null}::bigint)
         and (${actor ?? null}::bigint is null or actor_id = ${actor ?? null}::bigint)
       order by id desc limit 1000`
    return c.json({ entries })
  })
