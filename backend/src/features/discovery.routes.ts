import { type Context, Hono } from 'hono'
import { featureCollections } from '../contract/layers.ts'
import { apiBase } from '../http/api-base.ts'
import type { AppEnv } from '../http/app-types.ts'
import { collectionExtent } from './collections.queries.ts'
import { collectionDocument, conformanceClasses, landingPage, schemaType } from './discovery.ts'
import { collectionSchema, queryablesSchema } from './feature-schema.ts'
import { layerOf } from './layer-of.ts'
import { checkParameters, chooseLang } from './request.ts'

/** JSON with the language it is written in, for the discovery documents. */
function localized(c: Context<AppEnv>, body: unknown, type = 'application/json') {
  c.header('Content-Language', chooseLang(c))
  c.header('Vary', 'Accept-Language')
  return c.body(JSON.stringify(body), 200, { 'Content-Type': `${type}; charset=utf-8` })
}

/** Schemas are application/schema+json; a client that asks only for JSON gets it labelled so. */
function schemaMediaType(accept: string | undefined): string {
  return accept && !accept.includes(schemaType) && /application\/json/.test(accept)
    ? 'application/json'
    : schemaType
}

/** GET /api (and /api/): the landing page. */
export function landing(c: Context<AppEnv>) {
  checkParameters(c, [])
  return localized(c, landingPage(apiBase(c), chooseLang(c)))
}

/** Conformance, collections and their schemas (OGC API – Features Part 1 and 3). */
export const discoveryRoutes = new Hono<AppEnv>()
  .get('/conformance', (c) => {
    checkParameters(c, [])
    return c.json({ conformsTo: conformanceClasses })
  })
  .get('/collections', async (c) => {
    checkParameters(c, [])
    const base = apiBase(c)
    const lang = chooseLang(c)
    const collections = []
    for (const layer of featureCollections) {
      const extent = await collectionExtent(c.get('db').sql, layer)
      collections.push(collectionDocument(layer, extent, base, lang))
    }
    const links = [
      { href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'collections' },
    ]
    return localized(c, { links, collections })
  })
  .get('/collections/:collectionId', async (c) => {
    checkParameters(c, [])
    const layer = layerOf(c.req.param('collectionId'))
    const extent = await collectionExtent(c.get('db').sql, layer)
    return localized(c, collectionDocument(layer, extent, apiBase(c), chooseLang(c)))
  })
  .get('/collections/:collectionId/schema', (c) => {
    checkParameters(c, [])
    const layer = layerOf(c.req.param('collectionId'))
    const id = `${apiBase(c)}/collections/${layer.id}/schema`
    return localized(c, collectionSchema(layer, chooseLang(c), id), schemaMediaType(c.req.header('accept')))
  })
  .get('/collections/:collectionId/queryables', (c) => {
    checkParameters(c, [])
    const layer = layerOf(c.req.param('collectionId'))
    const id = `${apiBase(c)}/collections/${layer.id}/queryables`
    return localized(c, queryablesSchema(layer, chooseLang(c), id), schemaMediaType(c.req.header('accept')))
  })
