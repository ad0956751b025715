import type { Layer } from '../contract/layers.ts'
import { crs84, supportedCrs } from '../crs/crs.ts'
import type { Extent } from './collections.queries.ts'
import type { Lang } from './request.ts'

// The JSON documents of discovery (landing page, conformance, collection metadata), built from
// the layer registry. Link relations follow OGC API – Features Part 1 and OGC API – Tiles.

export type Link = { href: string; rel: string; type?: string; title?: string }

export const tilesetsVectorRel = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector'
export const schemaType = 'application/schema+json'

export const conformanceClasses = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
  'http://www.opengis.net/spec/tms/2.0/conf/tilematrixset',
  'http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset',
]

const text = {
  title: { de: 'Quartiersatlas – OGC API Features', en: 'Quartiersatlas – OGC API Features' },
  description: {
    de: 'Fördergebiete, Brachflächen, Zwischennutzungen, Quartiere, Maßnahmen, Wege und Orte der Quartiersentwicklung.',
    en: 'Programme areas, brownfields, interim uses, quarters, measures, links and places of neighbourhood management.',
  },
}

/** The landing page at /api. */
export function landingPage(base: string, lang: Lang) {
  const links: Link[] = [
    { href: base, rel: 'self', type: 'application/json', title: 'this document' },
    {
      href: `${base}/openapi.json`,
      rel: 'service-desc',
      type: 'application/vnd.oai.openapi+json;version=3.0',
      title: 'OpenAPI 3.0',
    },
    { href: `${base}/docs`, rel: 'service-doc', type: 'text/html', title: 'API documentation' },
    {
      href: `${base}/conformance`,
      rel: 'conformance',
      type: 'application/json',
      title: 'conformance classes',
    },
    { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'collections' },
    { href: `${base}/tiles`, rel: tilesetsVectorRel, type: 'application/json', title: 'vector tilesets' },
    {
      href: `${base}/tiles/WebMercatorQuad/tilejson.json`,
      rel: 'describedby',
      type: 'application/json',
      title: 'vector tiles (TileJSON)',
    },
    {
      href: `${base}/tileMatrixSets`,
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes',
      type: 'application/json',
      title: 'tiling schemes',
    },
  ]
  return { title: text.title[lang], description: text.description[lang], links }
}

/** The metadata of one collection with its extent and links. */
export function collectionDocument(layer: Layer, extent: Extent, base: string, lang: Lang) {
  const url = `${base}/collections/${layer.id}`
  const links: Link[] = [
    { href: url, rel: 'self', type: 'application/json', title: layer.title[lang] },
    { href: `${url}/items`, rel: 'items', type: 'application/geo+json', title: layer.title[lang] },
    { href: `${url}/schema`, rel: 'describedby', type: schemaType, title: 'JSON Schema of the properties' },
    { href: `${url}/schema`, rel: 'describedBy', type: schemaType, title: 'JSON Schema of the properties' },
    {
      href: `${url}/queryables`,
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
      type: schemaType,
      title: 'queryables',
    },
  ]
  // A collection of one geometry type has no tiles of its own: its layer's tiles hold all types.
  if (layer.geometryDimension === undefined) {
    links.push({
      href: `${url}/tiles`,
      rel: tilesetsVectorRel,
      type: 'application/json',
      title: 'vector tilesets',
    })
  }
  return {
    id: layer.id,
    title: layer.title[lang],
    description: layer.description[lang],
    itemType: 'feature',
    extent: {
      spatial: { bbox: extent.bbox ? [extent.bbox] : [], crs: crs84.uri },
      ...(extent.interval
        ? {
            temporal: {
              interval: [extent.interval],
              trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian',
            },
          }
        : {}),
    },
    crs: supportedCrs.map((crs) => crs.uri),
    storageCrs: crs84.uri,
    links,
  }
}
