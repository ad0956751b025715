import { type Context, Hono } from 'hono'
import type { Layer } from '../contract/layers.ts'
import { contentCrs, crs84, parseCrs } from '../crs/crs.ts'
import { apiBase } from '../http/api-base.ts'
import type { AppEnv } from '../http/app-types.ts'
import type { Link } from './discovery.ts'
import { readFeature, readItems } from './items.queries.ts'
import { cursorAfter, type ItemsQuery, readItemsQuery } from './items-params.ts'
import { etagOf, featureIdOf, featureNotFound, layerOf } from './layer-of.ts'
import { checkParameters } from './request.ts'
import { isEditor, visibleProperties } from './visible-properties.ts'

const geojson = 'application/geo+json'
const closing = Buffer.from(']}')

/** The methods `c`'s caller may use on a layer's items (`item`: on one feature). */
export function allowedMethods(c: Context<AppEnv>, layer: Layer, item: boolean): string[] {
  const read = ['GET', 'HEAD', 'OPTIONS']
  if (!layer.writable || !isEditor(c.get('user'))) return read
  return item ? [...read, 'PUT', 'PATCH', 'DELETE'] : [...read, 'POST']
}

/** Responses differ for editors (more properties): caches must keep them apart. */
function privateIfEditor(c: Context<AppEnv>): void {
  c.header('Vary', 'Authorization, Cookie')
  if (isEditor(c.get('user'))) c.header('Cache-Control', 'private, no-store')
}

function itemsLinks(c: Context<AppEnv>, layer: Layer, query: ItemsQuery, lastId: number | undefined): Link[] {
  const self = new URL(c.req.url)
  const links: Link[] = [
    { href: self.toString(), rel: 'self', type: geojson, title: 'this page' },
    {
      href: `${apiBase(c)}/collections/${layer.id}`,
      rel: 'collection',
      type: 'application/json',
      title: 'the collection',
    },
  ]
  if (lastId !== undefined) {
    const next = new URL(self)
    next.searchParams.set('cursor', cursorAfter(lastId))
    next.searchParams.set('limit', String(query.limit))
    links.push({ href: next.toString(), rel: 'next', type: geojson, title: 'next page' })
  }
  return links
}

/** GET …/items and …/items/{featureId}, and OPTIONS on both (OGC API – Features Part 1 and 2). */
export const itemsRoutes = new Hono<AppEnv>()
  .get('/collections/:collectionId/items', async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    const query = readItemsQuery(c, layer)
    const properties = visibleProperties(layer, c.get('user'))
    const page = await readItems(c.get('reads'), layer, query, properties)
    const head = {
      type: 'FeatureCollection',
      numberMatched: page.numberMatched,
      numberReturned: page.numberReturned,
      timeStamp: new Date().toISOString(),
      links: itemsLinks(c, layer, query, page.lastId),
    }
    // PostGIS wrote and joined the features: their bytes go out as they came, not parsed again.
    const body = Buffer.concat([
      Buffer.from(`${JSON.stringify(head).slice(0, -1)},"features":[`),
      page.features,
      closing,
    ])
    privateIfEditor(c)
    return c.body(body, 200, { 'Content-Type': geojson, 'Content-Crs': contentCrs(query.crs) })
  })
  .get('/collections/:collectionId/items/:featureId', async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    const id = featureIdOf(c.req.param('featureId'), layer)
    checkParameters(c, ['crs'])
    const crs = parseCrs(c.req.query('crs'), 'crs')
    const found = await readFeature(c.get('reads'), layer, id, visibleProperties(layer, c.get('user')), crs)
    if (!found) throw featureNotFound(layer, id)
    const etag = etagOf(layer, id, found.version)
    privateIfEditor(c)
    c.header('ETag', etag)
    if (
      c.req
        .header('if-none-match')
        ?.split(',')
        .some((tag) => tag.trim() === etag)
    )
      return c.body(null, 304)
    const url = `${apiBase(c)}/collections/${layer.id}/items/${id}`
    const links: Link[] = [
      { href: url, rel: 'self', type: geojson, title: 'this feature' },
      {
        href: `${apiBase(c)}/collections/${layer.id}`,
        rel: 'collection',
        type: 'application/json',
        title: 'the collection',
      },
    ]
    const body = `${found.feature.slice(0, -1)},"links":${JSON.stringify(links)}}`
    return c.body(body, 200, { 'Content-Type': geojson, 'Content-Crs': contentCrs(crs ?? crs84) })
  })
  .options('/collections/:collectionId/items', (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    return c.body(null, 204, { Allow: allowedMethods(c, layer, false).join(', ') })
  })
  .options('/collections/:collectionId/items/:featureId', (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    featureIdOf(c.req.param('featureId'), layer)
    return c.body(null, 204, { Allow: allowedMethods(c, layer, true).join(', ') })
  })
