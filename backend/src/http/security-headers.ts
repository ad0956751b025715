import type { MiddlewareHandler } from 'hono'
import { basemapStyleUrl } from '../config.ts'

// Headers that keep the browser on our side. Every response: no MIME sniffing, no full URLs in
// Referer to other sites, no framing. Every HTML page (the map, the API docs): a Content Security
// Policy that allows only what the app loads, and no-cache so a new release is picked up at once.

/**
 * The CSP of our pages. Scripts, styles and fonts come from our own build; MapLibre starts its
 * worker from a blob: URL and decodes images from blob:/data:; the basemap named by
 * BASEMAP_STYLE_URL is fetched (style, tiles, glyphs, sprites) from its host.
 */
export function contentSecurityPolicy(basemap: string | null = basemapStyleUrl()): string {
  const basemapOrigin = basemap ? ` ${new URL(basemap).origin}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${basemapOrigin}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The headers of every response, also of cached tiles answered at the listener (tile-headers.ts). */
export const everyResponseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
} as const

/** Middleware for every response; HTML also gets the CSP and Cache-Control: no-cache. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  for (const [name, value] of Object.entries(everyResponseHeaders)) c.header(name, value)
  if (c.res.headers.get('content-type')?.startsWith('text/html')) {
    c.header('Content-Security-Policy', contentSecurityPolicy())
    c.header('Cache-Control', 'no-cache')
  }
}
