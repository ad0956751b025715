import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastPath } from '../http/fast-paths.ts'
import { combined, type TileCache, tileKey } from './tile-cache.ts'
import { tileReply } from './tile-headers.ts'

// Cached tiles answered at the HTTP listener, before the request becomes a Fetch Request and runs
// through routing and middleware: a map view asks for dozens of tiles at once and most are cached.
// It answers only what the tile route would answer the same way (tileReply decides for both):
// an anonymous GET (no cookie, no Authorization: those go through authentication) of a tile that
// is in the cache, in a coding the cache holds. Everything else falls through to the app.

const tilePath =
  /^\/api\/(?:collections\/([a-z][a-z0-9-]*)\/)?tiles\/WebMercatorQuad\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})(?:\.mvt|\.pbf)?$/

/** The listener fast path for the tiles in `cache`, the app's tile cache. */
export function cachedTileFastPath(cache: TileCache): FastPath {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const { headers } = request
    if (request.method !== 'GET' || headers.authorization !== undefined || headers.cookie !== undefined)
      return false
    const match = tilePath.exec(request.url ?? '')
    if (!match) return false
    const [, collection, z, y, x] = match
    // Numbers as parseTile reads them, so "014" finds the tile cached as 14.
    const entry = cache.cached(tileKey(collection ?? combined, { z: Number(z), x: Number(x), y: Number(y) }))
    if (!entry) return false
    const reply = tileReply(entry, headers['accept-encoding'], headers['if-none-match'])
    let body: Uint8Array | undefined
    if (reply.status === 200) {
      // Brotli and identity bytes are made on first use by the app, which then keeps them.
      body = reply.encoding === 'gzip' ? entry.gzip : reply.encoding === 'br' ? entry.brotli : entry.identity
      if (!body) return false
      reply.headers['Content-Length'] = String(body.byteLength)
    }
    response.writeHead(reply.status, reply.headers)
    response.end(body)
    return true
  }
}
