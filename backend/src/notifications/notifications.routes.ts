import { Hono } from 'hono'
import { requireUser } from '../auth/require-role.ts'
import type { NotificationRow } from '../contract/notifications.schema.ts'
import type { Sql } from '../db/sql-client.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathId } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'

/** The columns of a notification as its recipient reads it: each text in both languages. */
const columns = (sql: Sql) => sql`
  id, kind, json_build_object('de', subject, 'en', subject_en) as subject,
  json_build_object('de', body, 'en', body_en) as body, resource, created_at, read_at`

/** /api/notifications: the caller's own notifications, newest first, and marking them read. */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c.get('user'))
    const unread = c.req.query('unread') === 'true'
    const rows = await c.get('db').sql<NotificationRow[]>`
      select ${columns(c.get('db').sql)} from notifications
       where user_id = ${user.id} ${unread ? c.get('db').sql`and read_at is null` : c.get('db').sql``}
       order by created_at desc, id desc limit 500`
    c.header('Cache-Control', 'private, no-store')
    return c.json({ notifications: rows })
  })
  .post('/:id/read', async (c) => {
    const user = requireUser(c.get('user'))
    const id = pathId(c.req.param('id'))
    const [row]: [NotificationRow?] =
      id !== undefined
        ? await c.get('db').sql`
          update notifications set read_at = coalesce(read_at, now())
           where id = ${id} and user_id = ${user.id}
          returning ${columns(c.get('db').sql)}`
        : []
    if (!row)
      throw new Problem(
        404,
        'not-found',
        'Notification not found',
        `you have no notification ${c.req.param('id')}`,
      )
    return c.json(row)
  })
