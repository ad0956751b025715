import { publicReadHeaders } from '../http/cors.ts'
import { everyResponseHeaders } from '../http/security-headers.ts'
import type { CachedTile } from './tile-cache.ts'

// The one decision about a tile response (status, headers, content coding), shared by the tile
// routes and the cached-tile fast path at the HTTP listener, so both answer byte for byte alike.

export const mvtType = 'application/vnd.mapbox-vector-tile'
// Browsers must ask again every time (a 304 is cheap), so an edit shows on the next view.
export const cacheControl = 'public, max-age=0, must-revalidate'

// The front cache (nginx proxy_cache, deploy/nginx/front-cache.conf) may keep a public answer
// until the end of the current second and then revalidates it with our ETag. nginx counts in
// whole seconds and keeps an entry while `valid_sec >= now`, so `max-age=1` (or `s-maxage=1`)
// would keep it up to 2 s; an absolute X-Accel-Expires of this second ends it within 1 s of any
// commit the app's own cache has heard of. nginx takes the header off before clients see it.
export const frontCacheHeader = 'X-Accel-Expires'

/** The X-Accel-Expires value for a public answer: valid until the end of this second. */
export function frontCacheExpiry(now = Date.now()): string {
  return `@${Math.floor(now / 1000)}`
}

export type TileEncoding = 'br' | 'gzip' | 'identity'

export type TileReply = {
  status: 200 | 204 | 304
  headers: Record<string, string>
  /** The content coding of a 200's body. */
  encoding: TileEncoding
}

const suffixes = { br: '.br', gzip: '.gz', identity: '' } as const

/** The preferred content coding the client accepts: br, gzip or none (cheap: this is the hot path). */
export function encodingFor(acceptEncoding = ''): TileEncoding {
  if (!acceptEncoding.includes('q=')) {
    if (acceptEncoding.includes('br')) return 'br'
    return acceptEncoding.includes('gzip') ? 'gzip' : 'identity'
  }
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(/\s*;\s*q=/))
      .filter(([, q]) => q === undefined || Number(q) > 0)
      .map(([coding]) => coding?.toLowerCase()),
  )
  if (accepted.has('br')) return 'br'
  return accepted.has('gzip') ? 'gzip' : 'identity'
}

function matches(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/"/g, '').split('.')[0])
    .some((tag) => tag === '*' || tag === hash)
}

/** Status, headers and coding of the answer to a request for `entry` (ETag per coding, 304, 204 when empty). */
export function tileReply(
  entry: CachedTile,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): TileReply {
  const empty = entry.gzip.byteLength === 0
  const encoding = empty ? 'identity' : encodingFor(acceptEncoding)
  const headers: Record<string, string> = {
    ...everyResponseHeaders,
    ...publicReadHeaders,
    // Before Cache-Control: nginx reads headers in order, and X-Accel-Expires must win.
    [frontCacheHeader]: frontCacheExpiry(),
    ETag: `"${entry.hash}${suffixes[encoding]}"`,
    'Cache-Control': cacheControl,
    Vary: 'Accept-Encoding',
  }
  if (matches(ifNoneMatch, entry.hash)) return { status: 304, headers, encoding }
  if (empty) return { status: 204, headers, encoding }
  headers['Content-Type'] = mvtType
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding
  return { status: 200, headers, encoding }
}
