import { Hono } from 'hono'
import { newTokenSchema } from '../contract/accounts.schema.ts'
import { editorRoles } from '../features/visible-properties.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathId } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { readJson } from '../http/read-json.ts'
import { bearerToken } from './authenticate.ts'
import { requireRoleOf, requireUser } from './require-role.ts'
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.queries.ts'

/** /api/auth/tokens: personal API tokens for desktop GIS and scripts. */
export const tokenRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const user = requireUser(c.get('user'))
    // A token cannot mint tokens: whoever holds a leaked token must not be able to outlive its revocation.
    if (bearerToken(c.req.header('authorization')) !== undefined) {
      throw new Problem(
        403,
        'session-required',
        'Sign in to create tokens',
        'create API tokens from a signed-in session, not with a token',
      )
    }
    const { name, desktop_gis } = await readJson(c, newTokenSchema)
    // Writing without If-Match is for those who edit the layers, and only when asked for.
    if (desktop_gis) requireRoleOf(user, editorRoles)
    const created = await createApiToken(c.get('db').sql, user.id, name, desktop_gis)
    c.header('Cache-Control', 'no-store')
    return c.json(created, 201)
  })
  .get('/', async (c) => {
    const user = requireUser(c.get('user'))
    return c.json(await listApiTokens(c.get('db').sql, user.id))
  })
  .delete('/:id', async (c) => {
    const user = requireUser(c.get('user'))
    const id = pathId(c.req.param('id'))
    const revoked = id !== undefined && (await revokeApiToken(c.get('db').sql, user.id, id))
    if (!revoked)
      throw new Problem(404, 'not-found', 'Token not found', `you have no API token ${c.req.param('id')}`)
    return c.body(null, 204)
  })
