import { z } from 'zod'
import type { GeometryType, Layer } from '../contract/layers.ts'
import type { Lang } from './request.ts'

// JSON Schemas derived from the layer registry: what a feature's properties look like in a
// public response (the allow-list plus computed measures) and which of them can be filtered on.

const computed: Record<string, z.ZodType> = {
  area_m2: z.number().nonnegative().describe('area in m², computed in the official CRS'),
  length_m: z.number().nonnegative().describe('length in m, computed in the official CRS'),
  municipality: z
    .string()
    .regex(/^\d{8}$/)
    .describe('official municipality key (AGS)'),
  district_key: z
    .string()
    .nullable()
    .describe('official key of the district it lies in, kept by the database'),
  programme_area_ids: z
    .array(z.number().int())
    .describe('ids of the programme areas it touches, kept by the database'),
}

/** The zod schema of a feature's public properties: exactly the layer's allow-list. */
export function publicPropertiesSchema(layer: Layer): z.ZodObject {
  const shape: Record<string, z.ZodType> = {}
  const writable = layer.properties.shape as Record<string, z.ZodType>
  for (const name of layer.publicProperties) {
    const schema = writable[name] ?? computed[name]
    if (!schema) throw new Error(`layer ${layer.id}: public property ${name} has no schema`)
    shape[name] = schema
  }
  return z.strictObject(shape)
}

/** JSON Schema format names of OGC API – Features Part 5 for the primary geometry. */
const geometryFormat: Record<GeometryType, string> = {
  MultiPolygon: 'geometry-multipolygon',
  MultiLineString: 'geometry-multilinestring',
  Point: 'geometry-point',
  Geometry: 'geometry-any',
}

type JsonSchema = { properties?: Record<string, unknown>; [key: string]: unknown }

/** The JSON Schema of a collection's features' properties, linked as `describedby`. */
export function collectionSchema(layer: Layer, lang: Lang, id: string): JsonSchema {
  const schema = z.toJSONSchema(publicPropertiesSchema(layer), { io: 'output' }) as JsonSchema
  delete schema.required
  return {
    ...schema,
    $id: id,
    title: layer.title[lang],
    description: layer.description[lang],
    properties: {
      ...schema.properties,
      geometry: { format: geometryFormat[layer.geometryType], 'x-ogc-role': 'primary-geometry' },
    },
  }
}

/** The queryables of a collection (Part 3): the declared filterable properties with their types. */
export function queryablesSchema(layer: Layer, lang: Lang, id: string): JsonSchema {
  const all = collectionSchema(layer, lang, id).properties ?? {}
  const properties: Record<string, unknown> = {}
  for (const name of layer.queryables) properties[name] = all[name]
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    type: 'object',
    title: layer.title[lang],
    properties,
    additionalProperties: false,
  }
}
