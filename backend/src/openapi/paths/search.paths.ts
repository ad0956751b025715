import { layers } from '../../contract/layers.ts'
import { searchFields } from '../../search/search-fields.ts'
import type { OpenApiModule } from '../openapi-document.ts'

// GET /api/search in OpenAPI: the map's one search field.

const lonLat = {
  type: 'array',
  items: { type: 'number' },
  minItems: 2,
  maxItems: 2,
  example: [12.3345, 51.3345],
}

export const searchOpenApi: OpenApiModule = {
  tags: [{ name: 'Search', description: 'Find public features by name, street and place.' }],
  paths: {
    '/search': {
      get: {
        tags: ['Search'],
        operationId: 'search',
        summary: 'Find features across the public layers, best first',
        description:
          'Every word of q must occur in a public text of the feature (name, address, organisation, description). Case, umlauts and ß are folded: "Josephstrasse" finds "Josephstraße", "gruenau" finds "Grünau". Ranked: exact name, name prefix, a name word starting with q, all words in the name, address-like fields, description. Owners, contacts, notes and agreement conditions are never searched.',
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
          {
            name: 'lang',
            in: 'query',
            description: 'language of `detail`',
            schema: { type: 'string', enum: ['de', 'en'], default: 'de' },
          },
        ],
        responses: {
          '200': {
            description: 'matches, best first',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/SearchResults' } },
            },
          },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: {
    schemas: {
      SearchResults: {
        type: 'object',
        required: ['results'],
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['collection', 'id', 'name', 'detail', 'center', 'bbox', 'score'],
              properties: {
                collection: {
                  type: 'string',
                  enum: searchFields.map((fields) => fields.collection),
                  description: `a collection id (${layers.map((layer) => layer.id).join(', ')})`,
                },
                id: { type: 'integer' },
                name: { type: 'string' },
                detail: { type: 'string', description: 'address, kind or status in the chosen language' },
                center: { ...lonLat, description: 'a point on the feature (lon, lat)' },
                bbox: {
                  type: 'array',
                  items: { type: 'number' },
                  minItems: 4,
                  maxItems: 4,
                  description: 'west, south, east, north',
                },
                score: { type: 'number', minimum: 0, maximum: 1 },
              },
            },
          },
        },
      },
    },
  },
}
