import { Hono } from 'hono'
import { interimUseRoutes } from './agreements/interim-use.routes.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { authenticate } from './auth/authenticate.ts'
import { clientConfigRoutes } from './client-config/client-config.routes.ts'
import { contextRoutes } from './context/context.routes.ts'
import type { Database } from './db/database.ts'
import { featuresRoutes } from './features/features.routes.ts'
import { healthRoutes } from './health/health.routes.ts'
import { historyRoutes } from './history/history.routes.ts'
import type { AppEnv } from './http/app-types.ts'
import { databaseDeadline } from './http/database-deadline.ts'
import { codeOf, describeFailure } from './http/error-log.ts'
import { addFastPath } from './http/fast-paths.ts'
import { Problem, problemResponse, toProblem } from './http/problem.ts'
import { mountFrontend } from './http/static-frontend.ts'
import { LayerEvents } from './layers/layer-events.ts'
import { overlayRoutes } from './overlay/overlay.routes.ts'
import { searchRoutes } from './search/search.routes.ts'
import { cachedTileFastPath } from './tiles/tile-fast-path.ts'
import { tileRoutes } from './tiles/tiles.routes.ts'
import { programmeAreaRoutes } from './users/programme-areas.routes.ts'
import { userRoutes } from './users/users.routes.ts'

export type AppOptions = {
  /** The front-end build to serve at / (frontend/dist); none: API only. */
  frontendDir?: string
}

/** The whole service: one sub-app per resource under /api, the front end at /, one error funnel. */
export function createApp(db: Database, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const events = new LayerEvents()
  // Cached tiles are answered at the listener (server.ts) without the app's per-request work.
  addFastPath(app, cachedTileFastPath(events))
  app.use(async (c, next) => {
    c.set('db', db)
    c.set('events', events)
    await next()
  })
  app.use('/api/*', databaseDeadline())
  app.use('/api/*', authenticate())
  app.route('/api/health', healthRoutes)
  app.route('/api/config', clientConfigRoutes)
  app.route('/api/auth', authRoutes)
  app.route('/api/users', userRoutes)
  app.route('/api/users', programmeAreaRoutes)
  app.route('/api/search', searchRoutes)
  app.route('/api/context', contextRoutes)
  app.route('/api/overlay', overlayRoutes)
  app.route('/api', interimUseRoutes)
  app.route('/api', tileRoutes)
  app.route('/api', historyRoutes)
  app.route('/api', featuresRoutes)

  app.all('/api/*', (c) => {
    throw new Problem(404, 'not-found', 'Not found', `no resource at ${c.req.path}`)
  })
  if (options.frontendDir) mountFrontend(app, options.frontendDir)
  app.notFound((c) =>
    problemResponse(c, new Problem(404, 'not-found', 'Not found', `no resource at ${c.req.path}`)),
  )
  app.onError((error, c) => {
    const problem = toProblem(error)
    if (problem.status === 503)
      console.error(`${c.req.method} ${c.req.path}: database unavailable (${codeOf(error)})`)
    else if (problem.status >= 500)
      console.error(`${c.req.method} ${c.req.path} failed: ${describeFailure(error)}`)
    return problemResponse(c, problem)
  })
  return app
}
