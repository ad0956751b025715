import { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { databaseUnavailable, Problem, problemResponse } from '../http/problem.ts'

const startedAt = Date.now()

/** GET /api/health: whether the service and its database answer, and if not, why. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const liveness = await db.probe()
  if (!liveness.ok) {
    const unavailable = databaseUnavailable()
    return problemResponse(
      c,
      new Problem(
        503,
        unavailable.slug,
        unavailable.title,
        unavailable.detail,
        { status: 503, database: { engine: db.engine, status: 'unavailable', reason: liveness.reason } },
        unavailable.headers,
      ),
    )
  }
  return c.json({
    status: 'ok',
    database: {
      engine: db.engine,
      postgis: db.postgisVersion,
      latencyMs: liveness.latencyMs,
    },
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  })
})
