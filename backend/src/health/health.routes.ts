import { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'

const startedAt = Date.now()

/** GET /api/health: whether the service and its database answer. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const started = performance.now()
  await db.sql`select 1`
  return c.json({
    status: 'ok',
    database: {
      engine: db.engine,
      postgis: db.postgisVersion,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
    },
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  })
})
