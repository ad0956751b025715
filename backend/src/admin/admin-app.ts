import { createServer, type Server } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import type { Database } from '../db/database.ts'
import { Problem, problemResponse, toProblem } from '../http/problem.ts'
import type { Metrics } from '../metrics/metrics.ts'

// The operator's listener on ADMIN_PORT, apart from the public one: it hands out the whole
// database and the service's figures, so it is bound to the loopback address by default and
// never behind the public proxy. No token to rotate or leak; whoever reaches the port is trusted.

/** The admin app: GET /metrics (Prometheus text format) and GET /backup (embedded database). */
export function createAdminApp(db: Database, metrics?: Metrics): Hono {
  const app = new Hono()
  if (metrics)
    app.get('/metrics', async (c) =>
      c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }),
    )
  app.get('/backup', async (c) => {
    if (!db.dumpEmbedded)
      throw new Problem(
        404,
        'not-found',
        'No embedded database',
        'this instance runs on PostgreSQL: back it up with pg_dump (npm run db:backup)',
      )
    const dump = await db.dumpEmbedded()
    return c.body(await dump.arrayBuffer(), 200, {
      'Content-Type': 'application/gzip',
      'Cache-Control': 'no-store',
    })
  })
  app.notFound((c) =>
    problemResponse(c, new Problem(404, 'not-found', 'Not found', `no resource at ${c.req.path}`)),
  )
  app.onError((error, c) => problemResponse(c, toProblem(error)))
  return app
}

/** Serves the admin app on `port` at `hostname`. */
export function startAdminServer(app: Hono, port: number, hostname: string): Server {
  const server = createServer(getRequestListener(app.fetch, { hostname }))
  server.listen(port, hostname)
  return server
}
