import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-types.ts'

// CORS for the public reads only, so that other web maps (a city's Masterportal, a newspaper's
// map) can embed the features and tiles: GET and HEAD, and their preflight, answer
// `Access-Control-Allow-Origin: *`, never with credentials. A cross-origin request is answered
// as anonymous even when the browser sends the session cookie along, so a public answer never
// carries what a signed-in planner may see; `Vary: Origin` keeps caches from mixing the two.
// Writes and everything private (accounts, offers, agreements, notifications, history, admin)
// get no CORS headers: browsers keep those same-origin.

/** The public read resources: OGC API landing page, conformance, collections, items, tiles. */
const publicReads = [
  /^\/api\/?$/,
  /^\/api\/(conformance|openapi\.json)$/,
  /^\/api\/collections(\/[^/]+(\/(schema|queryables|items(\/[^/]+)?))?)?$/,
  /^\/api\/collections\/[^/]+\/tiles(\/.*)?$/,
  /^\/api\/tiles(\/.*)?$/,
  /^\/api\/tileMatrixSets(\/[^/]+)?$/,
]

const readMethods = new Set(['GET', 'HEAD'])

/** Tiles hold public properties only, for everyone alike: no Vary: Origin, as the listener's cache answers. */
const tile = /\/tiles\/WebMercatorQuad\/\d+\/\d+\/[^/]+$/

/** Headers of every CORS answer; tiles answered at the listener send them too (tile-headers.ts). */
export const publicReadHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Content-Crs, Content-Language, Link',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const

/** Whether `path` is one of the public read resources. */
export function isPublicRead(path: string): boolean {
  return publicReads.some((pattern) => pattern.test(path))
}

/** Whether the request names an Origin other than this server's own. */
function isCrossOrigin(c: Context): boolean {
  const origin = c.req.header('origin')
  if (origin === undefined) return false
  const host = c.req.header('host') ?? new URL(c.req.url).host
  try {
    return new URL(origin).host !== host
  } catch {
    return true
  }
}

/**
 * Before authentication: answers the preflight of a public read (204), and adds the CORS
 * headers to GET and HEAD of public reads.
 */
export const corsForPublicReads: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isPublicRead(c.req.path)) return next()
  const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')
  if (preflight) {
    if (!readMethods.has(preflight.toUpperCase())) return next()
    return c.body(null, 204, {
      ...publicReadHeaders,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Accept, Accept-Language, If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': '86400',
      Vary: 'Origin',
    })
  }
  await next()
  if (!readMethods.has(c.req.method)) return
  for (const [name, value] of Object.entries(publicReadHeaders)) c.header(name, value)
  if (!tile.test(c.req.path)) c.header('Vary', 'Origin', { append: true })
}

/** After authentication: a cross-origin public read is answered as to an anonymous visitor. */
export const anonymousAcrossOrigins: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (readMethods.has(c.req.method) && isCrossOrigin(c) && isPublicRead(c.req.path)) c.set('user', undefined)
  await next()
}
