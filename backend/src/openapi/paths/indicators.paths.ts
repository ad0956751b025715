import {
  candidateInput,
  candidateList,
  classesResponse,
  classMethods,
  importResponse,
  indexResponse,
  indicatorDefinition,
  indicatorList,
  profileResponse,
  standardisations,
} from '../../contract/indicators.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// /api/indicators in OpenAPI: indicators per district, their classes, the composite index, a
// district's profile, imports and pilot candidates. Bodies and answers are the contract's schemas.

type Json = Record<string, unknown>

const signedIn = [{ bearer: [] }, { cookie: [] }]
const problem = { $ref: '#/components/responses/Problem' }
const json = (description: string, name: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
})
const query = (name: string, description: string, schema: Json, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
})
const year = query('year', 'the year of the values', { type: 'integer', minimum: 1900, maximum: 2100 }, true)
const classing = [
  query('method', 'quantile: equal counts (percentile_cont); jenks: natural breaks; equal: equal intervals', {
    type: 'string',
    enum: [...classMethods],
    default: 'quantile',
  }),
  query('classes', 'how many classes', { type: 'integer', minimum: 2, maximum: 9, default: 5 }),
]
const indexParameters = [
  year,
  query(
    'indicators',
    'comma-separated indicator:weight[:worse|better], e.g. sgb2_quote:2,leerstand:1; the direction defaults to the definition',
    { type: 'string' },
    true,
  ),
  query('standardise', 'z: z-score (population standard deviation); rank: percent rank from 0 to 1', {
    type: 'string',
    enum: [...standardisations],
    default: 'z',
  }),
  ...classing,
]
const key = {
  name: 'key',
  in: 'path',
  required: true,
  description: 'the indicator key',
  schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
}

export const indicatorsOpenApi: OpenApiModule = {
  tags: [
    {
      name: 'Indicators',
      description: 'Indicators per district, choropleth classes and a composite index to choose a pilot area',
    },
  ],
  components: {
    schemas: {
      IndicatorDefinition: schemaOf(indicatorDefinition),
      IndicatorList: schemaOf(indicatorList),
      IndicatorClasses: schemaOf(classesResponse),
      CompositeIndex: schemaOf(indexResponse),
      DistrictProfile: schemaOf(profileResponse),
      IndicatorImport: schemaOf(importResponse),
      PilotCandidateInput: schemaOf(candidateInput),
      PilotCandidates: schemaOf(candidateList),
    },
  },
  paths: {
    '/indicators': {
      get: {
        tags: ['Indicators'],
        operationId: 'listIndicators',
        summary: 'Every indicator with its unit, direction, source and the years that have values',
        responses: { '200': json('the indicators by key', 'IndicatorList'), '400': problem },
      },
    },
    '/indicators/{key}': {
      put: {
        tags: ['Indicators'],
        operationId: 'putIndicator',
        summary: 'Define an indicator or change its definition (planners, admins)',
        security: signedIn,
        parameters: [key],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/IndicatorDefinition' } } },
        },
        responses: {
          '200': json('changed', 'IndicatorDefinition'),
          '201': json('created', 'IndicatorDefinition'),
          '401': problem,
          '403': problem,
          '415': problem,
          '422': problem,
        },
      },
    },
    '/indicators/values': {
      post: {
        tags: ['Indicators'],
        operationId: 'importIndicatorValues',
        summary: 'Import a table of values per district and year (planners, admins)',
        description:
          'CSV with columns key (the official district key), year, optionally name, and one column per indicator key. German conventions (";" and a decimal comma) or "," with decimal points. Values replace those of the same indicator, district and year. An unknown indicator column or a key without a district refuses the whole file with 422 listing them (unknown-indicator, unmatched-district-keys); nothing is imported.',
        security: signedIn,
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: {
          '200': json('what was imported', 'IndicatorImport'),
          '401': problem,
          '403': problem,
          '413': problem,
          '415': problem,
          '422': problem,
        },
      },
    },
    '/indicators/{key}/classes': {
      get: {
        tags: ['Indicators'],
        operationId: 'indicatorClasses',
        summary: "An indicator's choropleth classes with counts, and each district's class",
        description:
          'Computed in PostgreSQL over the districts with a value in the year. A value belongs to the first class whose upper bound it does not exceed. With since, the change since that year is classed instead (districts with both values).',
        parameters: [
          key,
          year,
          query('since', 'class the change from this year to year', { type: 'integer' }),
          ...classing,
        ],
        responses: {
          '200': json('classes and districts', 'IndicatorClasses'),
          '400': problem,
          '404': problem,
        },
      },
    },
    '/indicators/index': {
      get: {
        tags: ['Indicators'],
        operationId: 'compositeIndex',
        summary: 'A composite index of chosen indicators: districts ranked by need, and its classes',
        description:
          'Each indicator is oriented so that higher means more need (negated where higher is better), standardised over the districts, and averaged with the weights. Only districts with a value of every chosen indicator in the year are ranked; rank 1 is the greatest need.',
        parameters: indexParameters,
        responses: { '200': json('ranking and classes', 'CompositeIndex'), '400': problem },
      },
    },
    '/indicators/index.csv': {
      get: {
        tags: ['Indicators'],
        operationId: 'compositeIndexCsv',
        summary: 'The ranking of the composite index as CSV',
        parameters: [
          ...indexParameters,
          query('lang', 'de: ";" and decimal comma; en: "," and point', {
            type: 'string',
            enum: ['de', 'en'],
            default: 'de',
          }),
        ],
        responses: {
          '200': {
            description: 'UTF-8 with byte order mark, CRLF line ends, an attachment',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': problem,
        },
      },
    },
    '/indicators/districts/{districtKey}/profile': {
      get: {
        tags: ['Indicators'],
        operationId: 'districtProfile',
        summary: "One district's indicators against the city's median, range and its rank",
        parameters: [
          {
            name: 'districtKey',
            in: 'path',
            required: true,
            description: 'official key',
            schema: { type: 'string' },
          },
          year,
        ],
        responses: { '200': json('the profile', 'DistrictProfile'), '400': problem, '404': problem },
      },
    },
    '/indicators/candidates': {
      get: {
        tags: ['Indicators'],
        operationId: 'pilotCandidates',
        summary: 'Districts marked as candidates for a pilot area, the chosen one first (planners, admins)',
        security: signedIn,
        responses: { '200': json('the candidates', 'PilotCandidates'), '401': problem, '403': problem },
      },
      post: {
        tags: ['Indicators'],
        operationId: 'markPilotCandidate',
        summary: 'Mark a district as a candidate, or choose it as the pilot area, with the reason',
        security: signedIn,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/PilotCandidateInput' } } },
        },
        responses: {
          '201': json('all candidates', 'PilotCandidates'),
          '401': problem,
          '403': problem,
          '415': problem,
          '422': problem,
        },
      },
    },
  },
}
