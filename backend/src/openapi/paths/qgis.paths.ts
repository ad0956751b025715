import type { OpenApiModule } from '../openapi-module.ts'

// GET /api/qgis/project.qgs in OpenAPI: the ready QGIS project of the public layers.

export const qgisOpenApi: OpenApiModule = {
  tags: [{ name: 'QGIS', description: 'A ready QGIS project of the public layers.' }],
  paths: {
    '/qgis/project.qgs': {
      get: {
        tags: ['QGIS'],
        operationId: 'getQgisProject',
        summary: 'The public layers as a QGIS project',
        description:
          "Every public collection as an OGC API – Features layer of this server, styled as in the web map, in the default municipality's official CRS (EPSG:25833 for Leipzig). Open it in QGIS; to edit, add a desktop GIS token (README).",
        parameters: [
          {
            name: 'lang',
            in: 'query',
            description: 'language of the layer names',
            schema: { type: 'string', enum: ['de', 'en'], default: 'de' },
          },
        ],
        responses: {
          '200': {
            description: 'the project file (.qgs, XML)',
            content: { 'application/x-qgis-project': { schema: { type: 'string' } } },
          },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
}
