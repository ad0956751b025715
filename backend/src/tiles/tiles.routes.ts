import { type Context, Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import type { LayerEvents } from '../layers/layer-events.ts'
import { findLayer, type Layer, layers } from '../layers/layers.ts'
import { renderTile } from './render-tile.ts'
import { type CachedTile, combined, TileCache } from './tile-cache.ts'
import { parseTile } from './tile-coordinates.ts'
import { tileJson, tilesetDescription } from './tileset-documents.ts'

// OGC API – Tiles for every public layer and for all of them combined (one MVT layer per
// collection), mounted with app.route('/api', tileRoutes). Tiles come from the app's cache;
// its LayerEvents keep the cache fresh. Empty tiles answer 204 No Content.

const mvtType = 'application/vnd.mapbox-vector-tile'
// Browsers must ask again every time (a 304 is cheap), so an edit shows on the next view.
const cacheControl = 'public, max-age=0, must-revalidate'

const caches = new WeakMap<LayerEvents, TileCache>()

/** The tile cache of the app that `events` belongs to, subscribed to its writes on first use. */
function cacheOf(events: LayerEvents): TileCache {
  let cache = caches.get(events)
  if (!cache) {
    const megabytes = Number(process.env.TILE_CACHE_MB ?? 64)
    const created = new TileCache(Number.isFinite(megabytes) ? megabytes * 2 ** 20 : 64 * 2 ** 20)
    events.subscribe((change) => created.invalidate(change))
    caches.set(events, created)
    cache = created
  }
  return cache
}

function collection(c: Context<AppEnv>): Layer {
  const id = c.req.param('collectionId') ?? ''
  const layer = findLayer(id)
  if (!layer) {
    throw new Problem(404, 'collection-not-found', 'No such collection', `there is no collection "${id}"`, {
      collections: layers.map((known) => known.id),
    })
  }
  return layer
}

const apiBase = (c: Context<AppEnv>) => `${new URL(c.req.url).origin}/api`

function tilesets(base: string, title: string) {
  const href = `${base}/WebMercatorQuad`
  return {
    links: [{ rel: 'self', type: 'application/json', href: base }],
    tilesets: [
      {
        title,
        dataType: 'vector',
        crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
        tileMatrixSetURI: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad',
        links: [
          { rel: 'self', type: 'application/json', href },
          { rel: 'describedby', type: 'application/json', href: `${href}/tilejson.json` },
        ],
      },
    ],
  }
}

/** The preferred content coding the client accepts: br, gzip or none (cheap: this is the hot path). */
function encodingFor(acceptEncoding = ''): 'br' | 'gzip' | 'identity' {
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

async function tileResponse(c: Context<AppEnv>, scope: string, tileLayers: readonly Layer[]) {
  const tile = parseTile(c.req.param('z') ?? '', c.req.param('y') ?? '', c.req.param('x') ?? '')
  const db = c.get('db')
  const cache = cacheOf(c.get('events'))
  const entry: CachedTile = await cache.tile(scope, tile, () => renderTile(db, tileLayers, tile))
  const encoding = entry.gzip.byteLength === 0 ? 'identity' : encodingFor(c.req.header('accept-encoding'))
  const suffix = { br: '.br', gzip: '.gz', identity: '' }[encoding]
  const headers: Record<string, string> = {
    ETag: `"${entry.hash}${suffix}"`,
    'Cache-Control': cacheControl,
    Vary: 'Accept-Encoding',
  }
  if (matches(c.req.header('if-none-match'), entry.hash)) return c.body(null, 304, headers)
  if (entry.gzip.byteLength === 0) return c.body(null, 204, headers)
  headers['Content-Type'] = mvtType
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding
  const bytes =
    encoding === 'gzip'
      ? entry.gzip
      : encoding === 'br'
        ? await cache.brotli(entry)
        : await cache.identity(entry)
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers)
}

/** Routes of the tilesets of every collection and of the combined tileset. */
export const tileRoutes = new Hono<AppEnv>()
  .get('/collections/:collectionId/tiles', (c) => {
    const layer = collection(c)
    return c.json(tilesets(`${apiBase(c)}/collections/${layer.id}/tiles`, layer.title.en))
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad', async (c) => {
    const layer = collection(c)
    const url = `${apiBase(c)}/collections/${layer.id}/tiles/WebMercatorQuad`
    return c.json(await tilesetDescription(c.get('db').sql, [layer], url, layer.title.en))
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad/tilejson.json', async (c) => {
    const layer = collection(c)
    const url = `${apiBase(c)}/collections/${layer.id}/tiles/WebMercatorQuad`
    return c.json(await tileJson(c.get('db').sql, [layer], url, layer.title.en))
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad/:z/:y/:x', (c) => {
    const layer = collection(c)
    return tileResponse(c, layer.id, [layer])
  })
  .get('/tiles', (c) => c.json(tilesets(`${apiBase(c)}/tiles`, 'Quartiersatlas: all public layers')))
  .get('/tiles/WebMercatorQuad', async (c) => {
    const url = `${apiBase(c)}/tiles/WebMercatorQuad`
    return c.json(await tilesetDescription(c.get('db').sql, layers, url, 'Quartiersatlas: all public layers'))
  })
  .get('/tiles/WebMercatorQuad/tilejson.json', async (c) => {
    const url = `${apiBase(c)}/tiles/WebMercatorQuad`
    return c.json(await tileJson(c.get('db').sql, layers, url, 'Quartiersatlas'))
  })
  .get('/tiles/WebMercatorQuad/:z/:y/:x', (c) => tileResponse(c, combined, layers))
