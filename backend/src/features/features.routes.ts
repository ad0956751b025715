import { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { openApiRoutes } from '../openapi/openapi.routes.ts'
import { discoveryRoutes, landing } from './discovery.routes.ts'
import { itemWritesRoutes } from './item-writes.routes.ts'
import { itemsRoutes } from './items.routes.ts'

/** OGC API – Features under /api: discovery, OpenAPI, items, writes. Mounted with app.route('/api', …). */
export const featuresRoutes = new Hono<AppEnv>()
  // '/' mounts as /api; the empty parameter matches /api/ (Hono's routes are strict about slashes).
  .get('/', landing)
  .get('/:empty{/?}', landing)
  .route('/', discoveryRoutes)
  .route('/', itemsRoutes)
  .route('/', itemWritesRoutes)
  .route('/', openApiRoutes)
