import { searchResponse } from '../../contract/map.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// GET /api/search in OpenAPI: the map's one search field. The answer is the contract's schema.

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
  components: { schemas: { SearchResults: schemaOf(searchResponse) } },
}
