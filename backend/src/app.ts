import { Hono } from 'hono'
import { accessibilityRoutes } from './accessibility/feedback.routes.ts'
import { agreementRoutes } from './agreements/agreements.routes.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { authenticate } from './auth/authenticate.ts'
import { clientConfigRoutes } from './client-config/client-config.routes.ts'
import { tileCacheBytes } from './config.ts'
import { contextRoutes } from './context/context.routes.ts'
import type { Database } from './db/database.ts'
import { exportRoutes } from './exporting/export.routes.ts'
import { registerRoutes } from './exporting/register.routes.ts'
import { discoveryRoutes, landing } from './features/discovery.routes.ts'
import { itemWritesRoutes } from './features/item-writes.routes.ts'
import { itemsRoutes } from './features/items.routes.ts'
import { healthRoutes, readyRoutes } from './health/health.routes.ts'
import { historyRoutes } from './history/history.routes.ts'
import type { AppEnv } from './http/app-types.ts'
import { anonymousAcrossOrigins, corsForPublicReads } from './http/cors.ts'
import { databaseDeadline } from './http/database-deadline.ts'
import { codeOf, describeFailure } from './http/error-log.ts'
import type { FastPath } from './http/fast-paths.ts'
import { frontCacheable } from './http/front-cache.ts'
import { Problem, problemResponse, toProblem } from './http/problem.ts'
import { refuseControlCharactersInQuery } from './http/read-query.ts'
import { readRouting } from './http/read-routing.ts'
import { securityHeaders } from './http/security-headers.ts'
import { mountFrontend } from './http/static-frontend.ts'
import { importRoutes } from './importing/imports.routes.ts'
import { indicatorRoutes } from './indicators/indicators.routes.ts'
import { LayerEvents } from './layers/layer-events.ts'
import type { Metrics } from './metrics/metrics.ts'
import { requestObserver } from './metrics/request-observer.ts'
import { mailSettingsRoutes } from './notifications/mail-settings.routes.ts'
import { notificationRoutes } from './notifications/notifications.routes.ts'
import { offerRoutes } from './offers/offers.routes.ts'
import { openApiRoutes } from './openapi/openapi.routes.ts'
import { overlayRoutes } from './overlay/overlay.routes.ts'
import { meRoutes, privacyAdminRoutes } from './privacy/privacy.routes.ts'
import { qgisRoutes } from './qgis/qgis.routes.ts'
import { searchRoutes } from './search/search.routes.ts'
import { tileCacheFor } from './tiles/tile-cache.ts'
import { tileColumnsReader } from './tiles/tile-columns.queries.ts'
import { cachedTileFastPath } from './tiles/tile-fast-path.ts'
import { tileRoutes } from './tiles/tiles.routes.ts'
import { programmeAreaRoutes } from './users/programme-areas.routes.ts'
import { userRoutes } from './users/users.routes.ts'

export type AppOptions = {
  /** The front-end build to serve at / (frontend/dist); none: API only. */
  frontendDir?: string
  /** Counts requests, tile cache and database figures for /metrics (admin listener). */
  metrics?: Metrics
  /** 'json': one JSON log line per request and per failure (LOG_FORMAT). */
  logFormat?: 'text' | 'json'
  /** Serve the front end's source maps (SERVE_SOURCE_MAPS); by default they answer 404. */
  serveSourceMaps?: boolean
}

/** The app with the answers its listener gives before a request reaches it (server.ts). */
export type App = Hono<AppEnv> & { readonly fastPaths: readonly FastPath[] }

/**
 * The whole service: one sub-app per resource under /api, the front end at /, one error funnel.
 * Everything shared between requests is built here and handed down: the database, the layer
 * events (fed by the database's change feed and the app's own writes), the tile cache that
 * listens to them and the tile columns read from the catalogue.
 */
export function createApp(db: Database, options: AppOptions = {}): App {
  const app = new Hono<AppEnv>()
  const events = new LayerEvents()
  const tiles = tileCacheFor(events, tileCacheBytes())
  const tileColumns = tileColumnsReader(db.sql)
  // Every committed change, whoever wrote it, reaches the same invalidation as the app's own
  // writes. Until the feed listens, and whenever its connection is down, the cache is distrusted.
  tiles.distrust()
  db.listenForChanges({
    change: (change) => events.announce(change),
    lost: () => tiles.distrust(),
    listening: () => {
      tileColumns.forget()
      tiles.trust()
    },
  })
  const observer = requestObserver(options)
  if (observer) app.use(observer.middleware)
  options.metrics?.watchTileCache(tiles)
  app.use(securityHeaders)
  app.use(async (c, next) => {
    c.set('db', db)
    c.set('events', events)
    c.set('tiles', tiles)
    c.set('tileColumns', tileColumns)
    await next()
  })
  app.use('/api/*', refuseControlCharactersInQuery)
  app.use('/api/*', databaseDeadline())
  app.use('/api/*', corsForPublicReads)
  app.use('/api/*', authenticate())
  app.use('/api/*', anonymousAcrossOrigins)
  app.use('/api/*', frontCacheable)
  app.use('/api/*', readRouting)
  app.route('/api/health', healthRoutes)
  app.route('/api/ready', readyRoutes)
  app.route('/api/config', clientConfigRoutes)
  app.route('/api/auth', authRoutes)
  app.route('/api/accessibility', accessibilityRoutes)
  app.route('/api/users', userRoutes)
  app.route('/api/users', programmeAreaRoutes)
  app.route('/api/search', searchRoutes)
  app.route('/api/context', contextRoutes)
  app.route('/api/overlay', overlayRoutes)
  app.route('/api/indicators', indicatorRoutes)
  app.route('/api/offers', offerRoutes)
  app.route('/api/agreements', agreementRoutes)
  app.route('/api/notifications/mail', mailSettingsRoutes)
  app.route('/api/notifications', notificationRoutes)
  app.route('/api/me', meRoutes)
  app.route('/api/privacy', privacyAdminRoutes)
  app.route('/api', qgisRoutes)
  app.route('/api/imports', importRoutes)
  app.route('/api', tileRoutes)
  app.route('/api', historyRoutes)
  // OGC API – Features: the landing page at /api and /api/ (Hono's routes are strict about
  // slashes), discovery, OpenAPI, items and writes.
  app.get('/api', landing)
  app.get('/api/:empty{/?}', landing)
  app.route('/api', discoveryRoutes)
  app.route('/api', itemsRoutes)
  app.route('/api', exportRoutes)
  app.route('/api', registerRoutes)
  app.route('/api', itemWritesRoutes)
  app.route('/api', openApiRoutes)

  app.all('/api/*', (c) => {
    throw new Problem(404, 'not-found', 'Not found', `no resource at ${c.req.path}`)
  })
  if (options.frontendDir) mountFrontend(app, options.frontendDir, options.serveSourceMaps ?? false)
  app.notFound((c) =>
    problemResponse(c, new Problem(404, 'not-found', 'Not found', `no resource at ${c.req.path}`)),
  )
  app.onError((error, c) => {
    const problem = toProblem(error)
    if (problem.status === 503 && options.logFormat !== 'json')
      console.error(`${c.req.method} ${c.req.path}: database unavailable (${codeOf(error)})`)
    else if (problem.status >= 500 && options.logFormat === 'json')
      console.error(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'error',
          msg: describeFailure(error),
          method: c.req.method,
          route: c.req.routePath,
        }),
      )
    else if (problem.status >= 500)
      console.error(`${c.req.method} ${c.req.path} failed: ${describeFailure(error)}`)
    return problemResponse(c, problem)
  })
  // Cached tiles are answered at the listener without the app's per-request work.
  const fastPath = cachedTileFastPath(tiles)
  return Object.assign(app, { fastPaths: [observer ? observer.fastPath(fastPath) : fastPath] })
}
