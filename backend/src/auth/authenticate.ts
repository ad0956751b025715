import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { checkSameOrigin } from './cross-site.ts'
import { clearSessionCookie, readSessionCookie } from './session-cookie.ts'
import { userOfSession } from './sessions.queries.ts'
import { userOfApiToken } from './tokens.queries.ts'

/**
 * The bearer token of an `Authorization` header; undefined when there is none or it names another
 * scheme (e.g. Basic from a proxy that guards a staging site), which is not ours to judge.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || !/^Bearer(\s|$)/i.test(header)) return undefined
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
  if (!match?.[1]) throw invalidToken('the Authorization header must read "Bearer <token>"')
  return match[1]
}

/**
 * Global middleware: sets c.get('user') from an `Authorization: Bearer` token or else from the
 * session cookie, undefined when anonymous. A bad bearer token is a 401 (a script should learn at
 * once that its token is wrong); a stale cookie just means anonymous. Cookie-authenticated unsafe
 * requests must come from our own origin (bearer requests are exempt: browsers never add them).
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { sql } = c.get('db')
    const token = bearerToken(c.req.header('authorization'))
    if (token !== undefined) {
      const user = await userOfApiToken(sql, token)
      if (!user) throw invalidToken('the API token is unknown, revoked, or its account is disabled')
      c.set('user', user)
      return next()
    }
    const secret = readSessionCookie(c)
    const user = secret ? await userOfSession(sql, secret) : undefined
    if (secret && !user) clearSessionCookie(c)
    checkSameOrigin(c, user !== undefined)
    c.set('user', user)
    await next()
  }
}

function invalidToken(detail: string): Problem {
  return new Problem(
    401,
    'invalid-token',
    'Invalid API token',
    detail,
    {},
    {
      'WWW-Authenticate': 'Bearer realm="quartiersatlas", error="invalid_token"',
    },
  )
}
