import { featureCollections } from '../../contract/layers.ts'
import { exportFormats, maxSelection } from '../../exporting/export-params.ts'
import type { OpenApiModule } from '../openapi-module.ts'

// GET /api/collections/{collectionId}/export: one path for every collection, the items' filter
// parameters (shared components of the features module) and the export's own.

const query = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
})
const problem = { $ref: '#/components/responses/Problem' }
const file = (description: string) => ({ schema: { type: 'string', format: 'binary', description } })

export const exportsOpenApi: OpenApiModule = {
  tags: [
    {
      name: 'Export',
      description: 'A layer, a filter or a selection as a file for desktop GIS and spreadsheets',
    },
  ],
  paths: {
    '/collections/{collectionId}/export': {
      get: {
        tags: ['Export'],
        operationId: 'exportCollection',
        summary:
          'Download the features the filters or ids select, all of them: public properties for anyone, also the internal ones for planners and admins, never personal data',
        parameters: [
          {
            name: 'collectionId',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: featureCollections.map((layer) => layer.id) },
          },
          query(
            'f',
            'geojson (default), gpkg (GeoPackage), shp (zipped Shapefile with .prj and .cpg), csv (geometry as WKT) or fgb (FlatGeobuf)',
            { type: 'string', enum: [...exportFormats], default: 'geojson' },
          ),
          { $ref: '#/components/parameters/crs' },
          { $ref: '#/components/parameters/bbox' },
          { $ref: '#/components/parameters/bbox-crs' },
          { $ref: '#/components/parameters/datetime' },
          query('ids', `a selection: up to ${maxSelection} feature ids, separated by commas`, {
            type: 'string',
            pattern: '^\\d+(,\\d+)*$',
          }),
          query(
            'csv',
            'with f=csv: de (default: ";", decimal comma, UTF-8 with byte-order mark, for Excel in German) or rfc4180 (",", decimal point, no BOM)',
            { type: 'string', enum: ['de', 'rfc4180'], default: 'de' },
          ),
        ],
        responses: {
          '200': {
            description:
              'the file, as an attachment; the Content-Crs header names its CRS (coordinates always east/north, so EPSG:4326 is refused: ask for CRS84). Besides the filters above, the collection’s queryables filter by equality, as on …/items.',
            content: {
              'application/geo+json': file('GeoJSON FeatureCollection'),
              'application/geopackage+sqlite3': file('GeoPackage with one feature table'),
              'application/zip': file('zipped Shapefile'),
              'text/csv': file('CSV'),
              'application/flatgeobuf': file('FlatGeobuf'),
            },
          },
          '400': problem,
          '404': problem,
        },
      },
    },
    '/collections/plots/register': {
      get: {
        tags: ['Export'],
        operationId: 'plotsRegister',
        summary:
          'The brownfield register as CSV (planners, admins): reference, name, address, parcel, hectares to 2 decimals, ownership category, planning status, previous use, contamination, district, dates; retired (deleted) plots with their end date',
        security: [{ bearer: [] }, { cookie: [] }],
        parameters: [
          query(
            'csv',
            'de (default: ";", decimal comma, dates as 31.12.2026, BOM) or rfc4180 (",", ISO dates)',
            {
              type: 'string',
              enum: ['de', 'rfc4180'],
              default: 'de',
            },
          ),
        ],
        responses: {
          '200': { description: 'the register, as an attachment', content: { 'text/csv': file('CSV') } },
          '400': problem,
          '401': problem,
          '403': problem,
        },
      },
    },
  },
}
