import { Hono } from 'hono'
import { basemapStyleUrl } from '../config.ts'
import type { AppEnv } from '../http/app-types.ts'

// Read at request time rather than at start, so a changed environment (tests, restarts behind a
// process manager) is what the browser sees; the value is tiny and never secret.
/** GET /api/config: what the map client needs to know about this installation. */
export const clientConfigRoutes = new Hono<AppEnv>().get('/', (c) => {
  c.header('Cache-Control', 'no-cache')
  return c.json({ basemapStyleUrl: basemapStyleUrl() })
})
