import { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { databaseUnavailable, Problem, problemResponse } from '../http/problem.ts'

const startedAt = Date.now()

function unavailableProblem(engine: string, reason: string): Problem {
  const unavailable = databaseUnavailable()
  return new Problem(
    503,
    unavailable.slug,
    unavailable.title,
    unavailable.detail,
    { status: 503, database: { engine, status: 'unavailable', reason } },
    unavailable.headers,
  )
}

/**
 * GET /api/ready: whether this process should get traffic, for a proxy or an orchestrator
 * (nginx, docker, Kubernetes): 200 while the database answers, 503 problem+json while it does not.
 * Small and never cached, to be asked every few seconds.
 */
export const readyRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const liveness = await db.probe()
  c.header('Cache-Control', 'no-store')
  if (!liveness.ok) return problemResponse(c, unavailableProblem(db.engine, liveness.reason))
  return c.json({ status: 'ready' })
})

/** GET /api/health: whether the service and its database answer, and if not, why. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const liveness = await db.probe()
  if (!liveness.ok) return problemResponse(c, unavailableProblem(db.engine, liveness.reason))
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
