import { type Context, Hono } from 'hono'
import { findLayer, type Layer, layers } from '../contract/layers.ts'
import { layerOf } from '../features/layer-of.ts'
import { apiBase } from '../http/api-base.ts'
import type { AppEnv } from '../http/app-types.ts'
import { renderTile } from './render-tile.ts'
import { type CachedTile, combined } from './tile-cache.ts'
import { parseTile } from './tile-coordinates.ts'
import { tileReply } from './tile-headers.ts'
import { tileMatrixSetList, webMercatorQuadDocument } from './tile-matrix-sets.ts'
import { tileJson, tilesetDescription, tilesetList } from './tileset-documents.ts'

// OGC API – Tiles for every public layer and for all of them combined (one MVT layer per
// collection), mounted with app.route('/api', tileRoutes). Tiles come from the app's cache;
// its LayerEvents keep the cache fresh. Empty tiles answer 204 No Content. The combined tiles,
// which the map draws, also carry the label points of the labelled layers (one per feature).

async function tileResponse(c: Context<AppEnv>, scope: string, tileLayers: readonly Layer[]) {
  const labels = scope === combined
  const tile = parseTile(c.req.param('z') ?? '', c.req.param('y') ?? '', c.req.param('x') ?? '')
  const db = c.get('db')
  const cache = c.get('tiles')
  const columns = c.get('tileColumns')
  const entry: CachedTile = await cache.tile(scope, tile, async () =>
    renderTile(db, await columns(), tileLayers, tile, { labels }),
  )
  const reply = tileReply(entry, c.req.header('accept-encoding'), c.req.header('if-none-match'))
  if (reply.status !== 200) return c.body(null, reply.status, reply.headers)
  const bytes =
    reply.encoding === 'gzip'
      ? entry.gzip
      : reply.encoding === 'br'
        ? await cache.brotli(entry)
        : await cache.identity(entry)
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, reply.headers)
}

/** Routes of the tilesets of every collection and of the combined tileset. */
export const tileRoutes = new Hono<AppEnv>()
  .get('/collections/:collectionId/tiles', (c) => {
    const layer = layerOf(c.req.param('collectionId') ?? '', findLayer)
    return c.json(tilesetList(`${apiBase(c)}/collections/${layer.id}/tiles`, apiBase(c), layer.title.en))
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad', async (c) => {
    const layer = layerOf(c.req.param('collectionId') ?? '', findLayer)
    const url = `${apiBase(c)}/collections/${layer.id}/tiles/WebMercatorQuad`
    const columns = await c.get('tileColumns')()
    return c.json(
      await tilesetDescription(c.get('db').sql, columns, [layer], url, apiBase(c), layer.title.en),
    )
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad/tilejson.json', async (c) => {
    const layer = layerOf(c.req.param('collectionId') ?? '', findLayer)
    const url = `${apiBase(c)}/collections/${layer.id}/tiles/WebMercatorQuad`
    return c.json(await tileJson(c.get('db').sql, await c.get('tileColumns')(), [layer], url, layer.title.en))
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad/:z/:y/:x', (c) => {
    const layer = layerOf(c.req.param('collectionId') ?? '', findLayer)
    return tileResponse(c, layer.id, [layer])
  })
  .get('/tiles', (c) =>
    c.json(tilesetList(`${apiBase(c)}/tiles`, apiBase(c), 'Quartiersatlas: all public layers')),
  )
  .get('/tiles/WebMercatorQuad', async (c) => {
    const url = `${apiBase(c)}/tiles/WebMercatorQuad`
    const columns = await c.get('tileColumns')()
    const title = 'Quartiersatlas: all public layers'
    return c.json(
      await tilesetDescription(c.get('db').sql, columns, layers, url, apiBase(c), title, { labels: true }),
    )
  })
  .get('/tiles/WebMercatorQuad/tilejson.json', async (c) => {
    const url = `${apiBase(c)}/tiles/WebMercatorQuad`
    return c.json(
      await tileJson(c.get('db').sql, await c.get('tileColumns')(), layers, url, 'Quartiersatlas', {
        labels: true,
      }),
    )
  })
  .get('/tiles/WebMercatorQuad/:z/:y/:x', (c) => tileResponse(c, combined, layers))
  .get('/tileMatrixSets', (c) => c.json(tileMatrixSetList(apiBase(c))))
  .get('/tileMatrixSets/WebMercatorQuad', (c) =>
    c.json(webMercatorQuadDocument(`${apiBase(c)}/tileMatrixSets/WebMercatorQuad`)),
  )
