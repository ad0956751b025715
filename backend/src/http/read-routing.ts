import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { lsnPattern } from '../db/read-replica.ts'
import type { AppEnv } from './app-types.ts'

// Which database a request reads from, when a hot standby is configured (DATABASE_READ_URL).
// Read-your-writes by LSN: a successful write answers with a cookie holding the primary's WAL
// position after it; a later read with that cookie goes to the standby only once the standby has
// replayed that far, else to the primary. Requests with a bearer token (scripts, GIS clients,
// which may not keep cookies) read from the primary. Without a standby everything is the primary.

/** The cookie with the primary's WAL position after the caller's last write. */
export const writtenLsnCookie = 'qa_written_lsn'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Sets c.get('reads'): the standby where it is fresh enough for this caller, else the primary. */
export const readRouting: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = c.get('db')
  const replica = db.replica
  c.set('reads', db.sql)
  if (!replica) return next()
  if (!safeMethods.has(c.req.method)) {
    await next()
    if (c.res.status >= 400) return
    const [row] = await db.sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`
    if (row)
      setCookie(c, writtenLsnCookie, row.lsn, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 60 })
    return
  }
  if (c.req.header('authorization') === undefined) {
    const written = getCookie(c, writtenLsnCookie)
    const fresh =
      written === undefined || !lsnPattern.test(written) || (await replica.replayedAtLeast(written))
    if (fresh) c.set('reads', replica.sql)
  }
  return next()
}
