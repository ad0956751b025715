import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../http/app-types.ts'

const styleUrl = z.url({ protocol: /^https?$/ })

/** The basemap style URL from BASEMAP_STYLE_URL, or null when unset or not an http(s) URL. */
export function basemapStyleUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const parsed = styleUrl.safeParse(env.BASEMAP_STYLE_URL?.trim())
  return parsed.success ? parsed.data : null
}

// Read at request time rather than at start, so a changed environment (tests, restarts behind a
// process manager) is what the browser sees; the value is tiny and never secret.
/** GET /api/config: what the map client needs to know about this installation. */
export const clientConfigRoutes = new Hono<AppEnv>().get('/', (c) => {
  c.header('Cache-Control', 'no-cache')
  return c.json({ basemapStyleUrl: basemapStyleUrl() })
})
