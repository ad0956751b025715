import { deletedFeaturesResponse, featureHistoryResponse } from '../../contract/history.schema.ts'
import { featureResponse, itemsResponse } from '../../contract/map.schema.ts'
import { plannerAreasResponse, programmeAreaAssignmentSchema } from '../../contract/programme-areas.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// History, restore, "as of date" and planners' programme areas (issue 6). Bodies and answers are
// the contract's schemas; the PUT route validates with the same programmeAreaAssignmentSchema.

const problem = { $ref: '#/components/responses/Problem' }
const path = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
})
const collectionId = path('collectionId', 'a collection id, e.g. plots')
const featureId = path('featureId', 'the feature id', { type: 'integer', minimum: 1 })
const userId = path('id', 'the user id', { type: 'integer', minimum: 1 })
const areas = schemaOf(plannerAreasResponse)
const feature = schemaOf(featureResponse)
const geoJson = (description: string, schema: Record<string, unknown>) => ({
  description,
  content: { 'application/geo+json': { schema } },
})

/** The OpenAPI paths of the editing history and of planners' programme areas. */
export const editingOpenApi: OpenApiModule = {
  tags: [{ name: 'History', description: 'Every saved version of a feature; layers as they were on a day' }],
  paths: {
    '/collections/{collectionId}/items/{featureId}/history': {
      get: {
        tags: ['History'],
        summary: 'Every saved version of a feature, oldest first',
        description:
          'Each version with its operation, time and the feature as it was. Planners and admins also see non-public properties and the author; everyone else sees public properties only and `author: null`.',
        parameters: [collectionId, featureId],
        responses: {
          '200': {
            description: 'the versions',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/HistoryVersions' } } },
          },
          '404': problem,
        },
      },
    },
    '/collections/{collectionId}/items/{featureId}/history/{version}/restore': {
      post: {
        tags: ['History'],
        summary: 'Save an earlier version again as the newest version (planner, admin)',
        parameters: [
          collectionId,
          featureId,
          path('version', 'the version to restore', { type: 'integer', minimum: 1 }),
          {
            name: 'If-Match',
            in: 'header',
            required: true,
            description: 'the ETag of the current version',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': geoJson('the feature as stored now, with its new ETag', feature),
          '401': problem,
          '403': problem,
          '404': problem,
          '412': problem,
          '422': problem,
          '428': problem,
        },
      },
    },
    '/collections/{collectionId}/deleted': {
      get: {
        tags: ['History'],
        summary:
          'Features of a collection whose last change was their deletion, newest first (planner, admin)',
        parameters: [collectionId],
        responses: {
          '200': {
            description: 'each deleted feature as it was, with its id, version, when and who',
            content: { 'application/json': { schema: schemaOf(deletedFeaturesResponse) } },
          },
          '401': problem,
          '403': problem,
          '405': problem,
        },
      },
    },
    '/collections/{collectionId}/deleted/{featureId}/restore': {
      post: {
        tags: ['History'],
        summary:
          'Bring a deleted feature back under its id as a new version; references its deletion cleared point to it again (planner, admin)',
        parameters: [collectionId, featureId],
        responses: {
          '201': geoJson('the feature as stored now, with its new ETag', feature),
          '401': problem,
          '403': problem,
          '404': problem,
          '405': problem,
          '409': problem,
        },
      },
    },
    '/asof/{collectionId}': {
      get: {
        tags: ['History'],
        summary: 'A collection as it was at the end of a day (Berlin time) or at a moment',
        parameters: [
          collectionId,
          {
            name: 'date',
            in: 'query',
            required: false,
            description: 'YYYY-MM-DD',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'at',
            in: 'query',
            required: false,
            description: 'an RFC 3339 date-time, instead of date',
            schema: { type: 'string', format: 'date-time' },
          },
        ],
        responses: {
          '200': geoJson(
            'a GeoJSON FeatureCollection; each feature has its `version` then',
            schemaOf(itemsResponse),
          ),
          '400': problem,
          '404': problem,
        },
      },
    },
    '/users/{id}/programme-areas': {
      get: {
        tags: ['Users'],
        summary: "A planner's programme areas (admin)",
        parameters: [userId],
        responses: {
          '200': { description: 'the areas', content: { 'application/json': { schema: areas } } },
          '401': problem,
          '403': problem,
          '404': problem,
        },
      },
      put: {
        tags: ['Users'],
        summary: 'Limit a planner to programme areas; an empty list lifts the limit (admin)',
        parameters: [userId],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: schemaOf(programmeAreaAssignmentSchema) },
          },
        },
        responses: {
          '200': { description: 'the areas now', content: { 'application/json': { schema: areas } } },
          '401': problem,
          '403': problem,
          '404': problem,
          '422': problem,
        },
      },
    },
  },
  components: { schemas: { HistoryVersions: schemaOf(featureHistoryResponse) } },
}
