import { importOptions, importPreview, importReport } from '../../contract/imports.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// POST /api/imports/{collectionId}(/preview): a file upload with options, answered by the
// contract's preview and report schemas.
const collectionId = {
  name: 'collectionId',
  in: 'path',
  required: true,
  description: 'the layer to import into (plots, districts, places, …)',
  schema: { type: 'string' },
}
const upload = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            description: 'GeoJSON, GeoJSON sequence, zipped Shapefile, GeoPackage, CSV or FlatGeobuf',
          },
          options: { type: 'string', description: 'JSON: the ImportOptions schema' },
        },
      },
    },
  },
}
const refusals = {
  '400': { $ref: '#/components/responses/Problem' },
  '401': { $ref: '#/components/responses/Problem' },
  '403': { $ref: '#/components/responses/Problem' },
  '404': { $ref: '#/components/responses/Problem' },
  '413': { $ref: '#/components/responses/Problem' },
  '415': { $ref: '#/components/responses/Problem' },
  '422': { $ref: '#/components/responses/Problem' },
}

export const importsOpenApi: OpenApiModule = {
  tags: [
    { name: 'Import', description: 'Loading files of GIS and spreadsheets into layers (planners, admins)' },
  ],
  components: {
    schemas: {
      ImportOptions: schemaOf(importOptions),
      ImportPreview: schemaOf(importPreview),
      ImportReport: schemaOf(importReport),
    },
  },
  paths: {
    '/imports/{collectionId}/preview': {
      post: {
        tags: ['Import'],
        operationId: 'previewImport',
        summary:
          'Check a file without importing: the first features in WGS 84, the report per feature, a suggested mapping',
        parameters: [collectionId],
        requestBody: upload,
        responses: {
          '200': {
            description: 'the preview',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportPreview' } } },
          },
          ...refusals,
        },
      },
    },
    '/imports/{collectionId}': {
      post: {
        tags: ['Import'],
        operationId: 'commitImport',
        summary:
          'Import a file in one transaction: all features, or none if one is refused (unless validOnly)',
        parameters: [
          collectionId,
          {
            name: 'Idempotency-Key',
            in: 'header',
            schema: { type: 'string' },
            description: 'a retried upload imports once',
          },
        ],
        requestBody: upload,
        responses: {
          '200': {
            description: 'imported (only updates)',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } },
          },
          '201': {
            description: 'imported',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } },
          },
          ...refusals,
        },
      },
    },
  },
}
