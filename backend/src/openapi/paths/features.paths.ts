import { z } from 'zod'
import { featureCollections, type Layer, layers } from '../../contract/layers.ts'
import { featureResponse, geometryResponse, itemsResponse } from '../../contract/map.schema.ts'
import { supportedCrs } from '../../crs/crs.ts'
import { writablePropertiesSchema } from '../../features/feature-body.ts'
import { publicPropertiesSchema } from '../../features/feature-schema.ts'
import { defaultLimit, maxLimit } from '../../features/items-params.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// OGC API – Features in OpenAPI: discovery paths, and per collection its items paths with the
// exact property schemas from the layer registry (what responses contain, what writes accept),
// wrapped in the contract's feature and collection schemas. The write bodies use the very schema
// the write routes validate properties with (writablePropertiesSchema).

type Json = Record<string, unknown>

const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
})
const problem = ref('responses', 'Problem')
const json = (schema: Json, type = 'application/json') => ({ content: { [type]: { schema } } })
const query = (name: string, description: string, schema: Json) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  style: 'form',
  explode: false,
})

const parameters: Record<string, Json> = {
  limit: query(
    'limit',
    `features per page (default ${defaultLimit}; larger values than ${maxLimit} are reduced to it)`,
    {
      type: 'integer',
      minimum: 1,
      default: defaultLimit,
    },
  ),
  bbox: query(
    'bbox',
    'minX,minY,maxX,maxY (or with heights, 6 numbers) in bbox-crs; a west edge east of the east edge crosses the antimeridian',
    {
      type: 'array',
      minItems: 4,
      maxItems: 6,
      items: { type: 'number' },
    },
  ),
  'bbox-crs': query('bbox-crs', 'CRS of bbox (default CRS84)', {
    type: 'string',
    format: 'uri',
    enum: supportedCrs.map((c) => c.uri),
  }),
  crs: query('crs', 'CRS of the response geometry (default CRS84)', {
    type: 'string',
    format: 'uri',
    enum: supportedCrs.map((c) => c.uri),
  }),
  datetime: query(
    'datetime',
    'a date or date-time, or an interval a/b with open ends ".."; ignored by collections without a time span',
    { type: 'string' },
  ),
  cursor: query('cursor', 'where a page starts; take it from a "next" link', { type: 'string' }),
  lang: query('lang', 'language of titles and descriptions (default de; or Accept-Language)', {
    type: 'string',
    enum: ['de', 'en'],
  }),
  featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
  ifMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description:
      'the ETag the feature was read with; also a list of ETags (matches if any does) or * (the feature exists), by RFC 9110; weak ETags (W/"…") never match a write',
    schema: { type: 'string' },
  },
  contentCrs: {
    name: 'Content-Crs',
    in: 'header',
    required: false,
    description: 'CRS of the sent geometry, e.g. <http://www.opengis.net/def/crs/EPSG/0/25833>',
    schema: { type: 'string' },
  },
}

/** The schema of `shape`, with its member `name` replaced by a reference (one schema per layer part). */
const referring = (shape: Json, name: string, target: Json): Json => ({
  ...shape,
  properties: { ...(shape.properties as Json), [name]: target },
})

/** What writes of `layer` accept: the whole feature, or an RFC 7396 merge patch of it. */
function writeSchemas(layer: Layer, geometry: z.ZodType): Record<string, Json> {
  const properties = writablePropertiesSchema(layer)
  return {
    [`${layer.id}.input`]: schemaOf(z.strictObject({ type: z.literal('Feature'), geometry, properties })),
    [`${layer.id}.patch`]: schemaOf(
      z.strictObject({
        type: z.literal('Feature').optional(),
        geometry: geometry.optional(),
        properties: properties.partial().optional(),
      }),
    ),
  }
}

function layerSchemas(layer: Layer): Record<string, Json> {
  const geometry = geometryResponse.describe(`GeoJSON ${layer.geometryType}`)
  const feature = featureResponse.extend({ id: z.number().int(), geometry })
  const collection = itemsResponse.extend({ type: z.literal('FeatureCollection') })
  return {
    [`${layer.id}.properties`]: schemaOf(publicPropertiesSchema(layer), 'output'),
    [`${layer.id}.feature`]: referring(
      schemaOf(feature),
      'properties',
      ref('schemas', `${layer.id}.properties`),
    ),
    [`${layer.id}.featureCollection`]: referring(schemaOf(collection), 'features', {
      type: 'array',
      items: ref('schemas', `${layer.id}.feature`),
    }),
    ...(layer.writable ? writeSchemas(layer, geometry) : {}),
  }
}

const featureHeaders = {
  ETag: { schema: { type: 'string' }, description: 'the version, for If-Match' },
  'Content-Crs': { schema: { type: 'string' }, description: 'CRS of the geometry' },
}

function layerPaths(layer: Layer): Record<string, Json> {
  const base = `/collections/${layer.id}`
  const tags = [layer.id]
  const feature = ref('schemas', `${layer.id}.feature`)
  const input = ref('schemas', `${layer.id}.input`)
  const queryables = layer.queryables.map((name) =>
    query(name, `only features whose ${name} equals this`, { type: 'string' }),
  )
  const security = [{ bearer: [] }, { cookie: [] }]
  const options = {
    tags,
    summary: 'methods allowed to the caller (Allow header)',
    responses: { 204: { description: 'see Allow' } },
  }
  const items: Json = {
    get: {
      tags,
      summary: `features of ${layer.title.en}`,
      operationId: `${layer.id}.items`,
      parameters: ['limit', 'bbox', 'bbox-crs', 'crs', 'datetime', 'cursor']
        .map((name) => ref('parameters', name))
        .concat(queryables as never[]),
      responses: {
        200: {
          description: 'a page of features',
          headers: { 'Content-Crs': featureHeaders['Content-Crs'] },
          ...json(ref('schemas', `${layer.id}.featureCollection`), 'application/geo+json'),
        },
        400: problem,
      },
    },
    options,
  }
  const one: Json = {
    parameters: [ref('parameters', 'featureId')],
    get: {
      tags,
      summary: `one feature of ${layer.title.en}`,
      operationId: `${layer.id}.item`,
      parameters: [ref('parameters', 'crs')],
      responses: {
        200: {
          description: 'the feature',
          headers: featureHeaders,
          ...json(feature, 'application/geo+json'),
        },
        304: { description: 'not modified (If-None-Match)' },
        404: problem,
      },
    },
    options,
  }
  if (layer.writable) {
    const refusals = {
      400: problem,
      401: problem,
      403: problem,
      404: problem,
      412: problem,
      413: problem,
      415: problem,
      422: problem,
      428: problem,
    }
    items.post = {
      tags,
      summary: 'create a feature (planner, admin)',
      operationId: `${layer.id}.create`,
      security,
      parameters: [ref('parameters', 'contentCrs')],
      requestBody: {
        required: true,
        content: { 'application/geo+json': { schema: input }, 'application/json': { schema: input } },
      },
      responses: {
        201: {
          description: 'created',
          headers: { ...featureHeaders, Location: { schema: { type: 'string' } } },
          ...json(feature, 'application/geo+json'),
        },
        409: problem,
        ...refusals,
      },
    }
    one.put = {
      tags,
      summary: 'replace a feature (planner, admin)',
      operationId: `${layer.id}.replace`,
      security,
      parameters: [ref('parameters', 'ifMatch'), ref('parameters', 'contentCrs')],
      requestBody: { required: true, content: { 'application/geo+json': { schema: input } } },
      responses: {
        200: { description: 'replaced', headers: featureHeaders, ...json(feature, 'application/geo+json') },
        ...refusals,
      },
    }
    one.patch = {
      tags,
      summary: 'change parts of a feature: RFC 7396 merge patch, null resets a property (planner, admin)',
      operationId: `${layer.id}.update`,
      security,
      parameters: [ref('parameters', 'ifMatch'), ref('parameters', 'contentCrs')],
      requestBody: {
        required: true,
        content: { 'application/merge-patch+json': { schema: ref('schemas', `${layer.id}.patch`) } },
      },
      responses: {
        200: { description: 'updated', headers: featureHeaders, ...json(feature, 'application/geo+json') },
        ...refusals,
      },
    }
    one.delete = {
      tags,
      summary: 'delete a feature (planner, admin)',
      operationId: `${layer.id}.delete`,
      security,
      parameters: [ref('parameters', 'ifMatch')],
      responses: { 204: { description: 'deleted' }, ...refusals },
    }
  }
  const schema = {
    tags,
    summary: 'JSON Schema',
    parameters: [ref('parameters', 'lang')],
    responses: {
      200: { description: 'JSON Schema', ...json({ type: 'object' }, 'application/schema+json') },
      404: problem,
    },
  }
  return {
    [base]: {
      get: {
        tags,
        summary: layer.title.en,
        parameters: [ref('parameters', 'lang')],
        responses: { 200: { description: 'collection metadata', ...json({ type: 'object' }) }, 404: problem },
      },
    },
    [`${base}/schema`]: { get: { ...schema, summary: 'JSON Schema of the properties' } },
    [`${base}/queryables`]: { get: { ...schema, summary: 'properties to filter on' } },
    [`${base}/items`]: items,
    [`${base}/items/{featureId}`]: one,
  }
}

/** The OpenAPI module of OGC API – Features, built from the layer registry. */
export function featuresOpenApi(): OpenApiModule {
  const discovery = (summary: string) => ({
    get: {
      tags: ['discovery'],
      summary,
      parameters: [ref('parameters', 'lang')],
      responses: { 200: { description: summary, ...json({ type: 'object' }) }, 400: problem },
    },
  })
  const paths: Record<string, Json> = {
    '/': discovery('landing page'),
    '/conformance': discovery('conformance classes'),
    '/collections': discovery('the collections'),
    '/openapi.json': {
      get: {
        tags: ['discovery'],
        summary: 'this document',
        responses: { 200: { description: 'OpenAPI 3.0' }, 400: problem },
      },
    },
    '/docs': {
      get: {
        tags: ['discovery'],
        summary: 'API documentation (HTML)',
        responses: { 200: { description: 'HTML' } },
      },
    },
  }
  const schemas: Record<string, Json> = {}
  // The listed collections, and the layers they split (measures, as the web map reads it).
  const described = [...featureCollections, ...layers.filter((layer) => !featureCollections.includes(layer))]
  for (const layer of described) {
    Object.assign(paths, layerPaths(layer))
    Object.assign(schemas, layerSchemas(layer))
  }
  return {
    tags: [
      { name: 'discovery', description: 'OGC API – Features landing page, conformance, collections' },
      ...described.map((layer) => ({ name: layer.id, description: layer.description.en })),
    ],
    paths,
    components: { schemas, parameters },
  }
}
