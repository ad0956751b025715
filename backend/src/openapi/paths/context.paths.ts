import { layers } from '../../contract/layers.ts'
import { contextResponse } from '../../contract/map.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// GET /api/context/{collectionId}/{featureId} in OpenAPI: where a feature lies, for its panel.
// The answer is the contract's schema.

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
  components: { schemas: { FeatureContext: schemaOf(contextResponse) } },
}
