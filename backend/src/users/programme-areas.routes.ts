import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { assignedAreas } from '../access/planner-scope.ts'
import { requireRole } from '../auth/require-role.ts'
import { programmeAreaAssignmentSchema } from '../contract/programme-areas.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathId } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { limitBody, readJson } from '../http/read-json.ts'

// Admins limit a planner to programme areas (planner_areas): an empty list lifts the limit.
// The set is replaced as a whole in one transaction, so it is never half assigned; the change is audited.

/** /api/users/{id}/programme-areas: read (admin) and replace (admin) a planner's areas. */
export const programmeAreaRoutes = new Hono<AppEnv>()
  .use('/:id/programme-areas', requireRole('admin'), limitBody)
  .get('/:id/programme-areas', async (c) => {
    const { sql } = c.get('db')
    const id = await plannerId(sql, c.req.param('id'))
    return c.json({ userId: id, programmeAreas: await assignedAreas(sql, id) })
  })
  .put('/:id/programme-areas', async (c) => {
    const { sql } = c.get('db')
    const id = await plannerId(sql, c.req.param('id'))
    const { programmeAreaIds } = await readJson(c, programmeAreaAssignmentSchema)
    const ids = [...new Set(programmeAreaIds)]
    const areas = await sql.begin(async (tx) => {
      const [known] = await tx<{ count: number }[]>`
        select count(*)::int as count from programme_areas where id = any(${ids}::bigint[])`
      if ((known?.count ?? 0) !== ids.length) {
        throw new Problem(
          422,
          'unknown-programme-area',
          'Unknown programme area',
          `some of ${ids.join(', ')} are not programme areas`,
        )
      }
      await tx`delete from planner_areas where user_id = ${id}::bigint`
      if (ids.length > 0) {
        await tx`insert into planner_areas (user_id, programme_area_id)
                 select ${id}::bigint, unnest(${ids}::bigint[])`
      }
      await audit(tx, c.get('user'), 'update', 'users', [id])
      return assignedAreas(tx, id)
    })
    return c.json({ userId: id, programmeAreas: areas })
  })

async function plannerId(sql: AppEnv['Variables']['db']['sql'], text: string): Promise<number> {
  const id = pathId(text)
  const [user] =
    id !== undefined ? await sql<{ role: string }[]>`select role from users where id = ${id}::bigint` : []
  if (id === undefined || !user)
    throw new Problem(404, 'not-found', 'User not found', `there is no user ${text}`)
  if (user.role !== 'planner') {
    throw new Problem(
      422,
      'not-a-planner',
      'Only planners are limited to areas',
      `user ${text} is ${user.role}; admins edit everywhere`,
    )
  }
  return id
}
