import type { MiddlewareHandler } from 'hono'
import type { AppEnv, CurrentUser, Role } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'

/** What an anonymous caller is told about how to authenticate. */
export const wwwAuthenticate = 'Bearer realm="quartiersatlas", Cookie realm="quartiersatlas"'

/** The signed-in caller, or a 401 problem naming how to sign in. */
export function requireUser(user: CurrentUser | undefined): CurrentUser {
  if (!user) {
    throw new Problem(
      401,
      'unauthenticated',
      'Sign-in required',
      'sign in (POST /api/auth/login) or send a personal API token as "Authorization: Bearer …"',
      {},
      { 'WWW-Authenticate': wwwAuthenticate },
    )
  }
  return user
}

/** The caller if their role is one of `roles`; otherwise 401 (anonymous) or 403. */
export function requireRoleOf(user: CurrentUser | undefined, roles: readonly Role[]): CurrentUser {
  const caller = requireUser(user)
  if (!roles.includes(caller.role)) {
    throw new Problem(
      403,
      'forbidden',
      'Not allowed for your role',
      `this needs the role ${roles.join(' or ')}; you are ${caller.role}`,
    )
  }
  return caller
}

/** Middleware: lets the request through only for callers with one of `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRoleOf(c.get('user'), roles)
    await next()
  }
}
