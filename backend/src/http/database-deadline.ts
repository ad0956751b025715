import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-types.ts'
import { databaseUnavailable } from './problem.ts'

// A hung database (a stopped postmaster, a cut network) answers nothing: no error arrives and
// postgres.js waits without end. A request still unanswered after `afterMs` asks the liveness
// probe; if the database does not answer it either, the request ends with 503 and Retry-After,
// within 2 s in all (1200 ms + the probe's 500 ms). A slow request on a live database goes on.

/** Ends requests stuck on an unresponsive database with 503; only where the probe has its own connection. */
export function databaseDeadline(afterMs = 1200): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const db = c.get('db')
    if (!db.independentProbe) return next()
    const handled = next().then(() => 'handled' as const)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), afterMs)
    })
    const first = await Promise.race([handled, late]).finally(() => clearTimeout(timer))
    if (first === 'handled') return
    const liveness = await db.probe()
    if (liveness.ok) {
      await handled
      return
    }
    // The request goes on in the background; whatever it ends with, its answer is this 503.
    handled.catch(() => {})
    throw databaseUnavailable()
  }
}
