import type { MiddlewareHandler } from 'hono'
import { frontCacheExpiry, frontCacheHeader } from '../tiles/tile-headers.ts'
import type { AppEnv } from './app-types.ts'

// What a front cache (nginx proxy_cache, a CDN) may keep: public answers of the requests that
// carry the load, items pages and features, and TileJSON (tiles set it in tiles/tile-headers.ts),
// until the end of the current second. Anything private, or setting a cookie, is never marked.

const cacheable =
  /^\/api\/(collections\/[^/]+\/(items(\/[^/]+)?|tiles\/WebMercatorQuad\/tilejson\.json)|tiles\/WebMercatorQuad\/tilejson\.json)$/

/** Marks a public GET answer of items or TileJSON as cacheable by the front cache for this second. */
export const frontCacheable: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (c.req.method !== 'GET' || c.res.status !== 200 || !cacheable.test(c.req.path)) return
  const control = c.res.headers.get('cache-control') ?? ''
  if (/private|no-store/.test(control) || c.res.headers.has('set-cookie')) return
  c.header(frontCacheHeader, frontCacheExpiry())
}
