import { layers } from '../../contract/layers.ts'
import { keysOf, programmes } from '../../contract/vocabulary.ts'
import type { OpenApiModule } from '../openapi-document.ts'

// GET /api/context/{collectionId}/{featureId} in OpenAPI: where a feature lies, for its panel.

const container = (extra: Record<string, unknown>) => ({
  type: 'object',
  required: ['id', 'name', 'share', ...Object.keys(extra)],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    ...extra,
    share: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'share of the feature inside (of its area, its length, or 1 for a point)',
    },
  },
})

export const contextOpenApi: OpenApiModule = {
  tags: [{ name: 'Map', description: 'What the map panels and the overlay view show.' }],
  paths: {
    '/context/{collectionId}/{featureId}': {
      get: {
        tags: ['Map'],
        operationId: 'featureContext',
        summary: 'The programme areas and districts a feature lies in, and its area or length',
        description:
          "Areas and districts whose interior the feature shares (a shared boundary alone does not count), most-overlapping first. Measures in the municipality's official CRS.",
        parameters: [
          {
            name: 'collectionId',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: layers.map((l) => l.id) },
          },
          { name: 'featureId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: "the feature's context",
            content: { 'application/json': { schema: { $ref: '#/components/schemas/FeatureContext' } } },
          },
          '400': { $ref: '#/components/responses/Problem' },
          '404': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: {
    schemas: {
      FeatureContext: {
        type: 'object',
        required: ['programmeAreas', 'districts', 'area_m2', 'length_m'],
        properties: {
          programmeAreas: {
            type: 'array',
            items: container({
              programme: { type: 'string', enum: keysOf(programmes) },
              period_start: { type: 'string', format: 'date', nullable: true },
              period_end: { type: 'string', format: 'date', nullable: true },
            }),
          },
          districts: { type: 'array', items: container({ key: { type: 'string' } }) },
          area_m2: { type: 'number', nullable: true, description: 'polygons only' },
          length_m: { type: 'number', nullable: true, description: 'lines only' },
        },
      },
    },
  },
}
