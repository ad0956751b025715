import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import type { Database } from '../db/database.ts'
import { Problem, problemResponse, toProblem } from '../http/problem.ts'
import type { Metrics } from '../metrics/metrics.ts'

// The operator's listener on ADMIN_PORT, apart from the public one: it hands out the whole
// database and the service's figures, so it is bound to the loopback address by default, never
// behind the public proxy, and answers only requests with ADMIN_TOKEN as their bearer token: on a
// shared machine any local user reaches a loopback port, and a dump holds every password hash.

/** The admin app: GET /metrics (Prometheus text format) and GET /backup (embedded database), for `token` only. */
export function createAdminApp(db: Database, token: string, metrics?: Metrics): Hono {
  const app = new Hono()
  const expected = createHash('sha256').update(token).digest()
  app.use(async (c, next) => {
    const sent = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
    if (!timingSafeEqual(createHash('sha256').update(sent).digest(), expected))
      throw new Problem(
        401,
        'unauthenticated',
        'Admin token required',
        'send Authorization: Bearer ADMIN_TOKEN',
        {},
        {
          'WWW-Authenticate': 'Bearer realm="quartiersatlas-admin"',
        },
      )
    await next()
  })
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
