import { overlayResponse } from '../../contract/map.schema.ts'
import { keysOf, programmes } from '../../contract/vocabulary.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// GET /api/overlay/figures(.csv) in OpenAPI: the city's programme-area figures. The answer is
// the contract's schema.
const parameters = [
  {
    name: 'programmes',
    in: 'query',
    description: 'comma-separated programme keys (default: all)',
    schema: { type: 'array', items: { type: 'string', enum: keysOf(programmes) } },
    style: 'form',
    explode: false,
  },
  {
    name: 'from',
    in: 'query',
    description: 'period start (areas whose period meets [from, to])',
    schema: { type: 'string', format: 'date' },
  },
  { name: 'to', in: 'query', description: 'period end', schema: { type: 'string', format: 'date' } },
  {
    name: 'municipality',
    in: 'query',
    description: 'official key (AGS)',
    schema: { type: 'string', pattern: '^\\d{8}$' },
  },
  {
    name: 'lang',
    in: 'query',
    description: 'CSV headers, labels, separator (de: ";" and decimal comma; en: "," and point)',
    schema: { type: 'string', enum: ['de', 'en'], default: 'de' },
  },
]
export const overlayOpenApi: OpenApiModule = {
  paths: {
    '/overlay/figures': {
      get: {
        tags: ['Map'],
        operationId: 'overlayFigures',
        summary: 'Figures per programme area of the chosen programmes and period',
        description:
          'Plots count when their interior meets the area; their hectares are the part inside the area. Interim use is the union of the plots of active or ending agreements, clipped to the area. agreements_ending_12m counts active or ending agreements with term_end in [today, today + 12 months]. Overlaps list every other programme area (any programme or period) sharing land with it.',
        parameters,
        responses: {
          '200': {
            description: 'one entry per programme area',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/OverlayFigures' } } },
          },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/overlay/figures.csv': {
      get: {
        tags: ['Map'],
        operationId: 'overlayFiguresCsv',
        summary: 'The same figures as CSV, one row per programme area',
        parameters,
        responses: {
          '200': {
            description: 'UTF-8 with byte order mark, CRLF line ends, an attachment',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: { schemas: { OverlayFigures: schemaOf(overlayResponse) } },
}
