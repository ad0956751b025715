import { layers } from '../../contract/layers.ts'
import type { OpenApiModule } from '../openapi-module.ts'

// OGC API – Tiles in OpenAPI: per collection and combined, the tilesets list, the tileset
// description, TileJSON and the tiles themselves (z/y/x, WebMercatorQuad).

type Json = Record<string, unknown>

const problem = { $ref: '#/components/responses/Problem' }
const jsonObject = { content: { 'application/json': { schema: { type: 'object' } } } }
const collectionId = {
  name: 'collectionId',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: layers.map((layer) => layer.id) },
}
const tileParameters = [
  { $ref: '#/components/parameters/TilesTileMatrix' },
  { $ref: '#/components/parameters/TilesTileRow' },
  { $ref: '#/components/parameters/TilesTileCol' },
]

const labelPoints =
  ' The combined tiles also carry a point layer `{collection}-labels` for programme areas, districts, quarters and plots: one label point per feature (inside it, with its tile properties), only in the tile that contains the point and from the zoom the map labels the layer at.'

function tilePath(summary: string, extra: Json[] = [], more = ''): Json {
  return {
    get: {
      tags: ['Tiles'],
      summary,
      description: `A Mapbox Vector Tile with one layer per collection (named by collection id), feature ids as in the Features API and only public properties. Compressed with br or gzip as accepted; cached and invalidated by every write.${more}`,
      parameters: [
        ...extra,
        ...tileParameters,
        { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'The tile',
          headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
          content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } },
        },
        204: { description: 'No features in this tile' },
        304: { description: 'Not modified since the ETag sent in If-None-Match' },
        400: problem,
        404: problem,
      },
    },
  }
}

function documentPath(summary: string, extra: Json[] = []): Json {
  return {
    get: {
      tags: ['Tiles'],
      summary,
      parameters: extra,
      responses: { 200: { description: summary, ...jsonObject }, 404: problem },
    },
  }
}

const integer = (name: string, description: string, max: number) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'integer', minimum: 0, maximum: max },
})

/** The tiles resources of the API. */
export const tilesOpenApi: OpenApiModule = {
  tags: [
    {
      name: 'Tiles',
      description: 'OGC API – Tiles: vector tiles of every public layer, per collection and combined',
    },
  ],
  paths: {
    '/collections/{collectionId}/tiles': documentPath('Tilesets of a collection', [collectionId]),
    '/collections/{collectionId}/tiles/WebMercatorQuad': documentPath('Tileset description of a collection', [
      collectionId,
    ]),
    '/collections/{collectionId}/tiles/WebMercatorQuad/tilejson.json': documentPath(
      'TileJSON 3.0.0 of a collection',
      [collectionId],
    ),
    '/collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}': tilePath(
      'A tile of a collection',
      [collectionId],
    ),
    '/tiles': documentPath('The combined tilesets'),
    '/tiles/WebMercatorQuad': documentPath('Tileset description of all public layers'),
    '/tiles/WebMercatorQuad/tilejson.json': documentPath('TileJSON 3.0.0 of all public layers'),
    '/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}': tilePath(
      'A tile with every public layer',
      [],
      labelPoints,
    ),
    '/tileMatrixSets': documentPath('The tiling schemes: WebMercatorQuad'),
    '/tileMatrixSets/WebMercatorQuad': documentPath(
      'WebMercatorQuad as OGC 2D Tile Matrix Set JSON (2.0, with the 1.0 members GDAL 3.6 reads)',
    ),
  },
  components: {
    parameters: {
      TilesTileMatrix: integer('tileMatrix', 'zoom level z', 24),
      TilesTileRow: integer('tileRow', 'row y, counted from the north', 2 ** 24 - 1),
      TilesTileCol: {
        ...integer('tileCol', 'column x; may end in .mvt or .pbf', 2 ** 24 - 1),
        schema: { type: 'string', pattern: '^\\d+(\\.(mvt|pbf))?$' },
      },
    },
  },
}
