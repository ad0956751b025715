import type { MiddlewareHandler } from 'hono'
import type { FastPath } from '../http/fast-paths.ts'
import type { Metrics } from './metrics.ts'

// Each request once: counted and timed for /metrics, and with LOG_FORMAT=json one log line. The
// line names the route's pattern (/api/offers/:id), never the path, query or body: no search
// words, e-mail addresses or other personal data reach the log.

export type ObserverOptions = { metrics?: Metrics; logFormat?: 'text' | 'json' }

export type RequestObserver = {
  middleware: MiddlewareHandler
  /** Counts and logs what `path` answers at the listener (cached tiles) like any other request. */
  fastPath(path: FastPath): FastPath
}

const cachedTileRoute = '/api/collections/:collectionId/tiles/WebMercatorQuad/:z/:y/:x'

/** The route group of a Hono route pattern: tiles, the first segment under /api, or frontend. */
export function routeGroup(route: string): string {
  if (route.includes('/tiles')) return 'tiles'
  const segment = /^\/api\/([a-z][a-z-]*)/.exec(route)?.[1]
  if (segment) return segment
  return route.startsWith('/api') ? 'api' : 'frontend'
}

/** The observer for `options`, or undefined when nothing is to be counted or logged. */
export function requestObserver(options: ObserverOptions): RequestObserver | undefined {
  const { metrics } = options
  const json = options.logFormat === 'json'
  if (!metrics && !json) return undefined
  const finished = (method: string, route: string, status: number, started: number) => {
    const seconds = (performance.now() - started) / 1000
    metrics?.observeRequest(routeGroup(route), method, status, seconds)
    if (json)
      console.log(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'info',
          msg: 'request',
          method,
          route,
          status,
          duration_ms: Math.round(seconds * 100_000) / 100,
        }),
      )
  }
  return {
    async middleware(c, next) {
      const started = performance.now()
      await next()
      finished(c.req.method, c.req.routePath, c.res.status, started)
    },
    fastPath(path) {
      return (request, response) => {
        const started = performance.now()
        if (!path(request, response)) return false
        response.once('finish', () =>
          finished(request.method ?? 'GET', cachedTileRoute, response.statusCode, started),
        )
        return true
      }
    },
  }
}
