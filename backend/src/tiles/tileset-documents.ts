import type { Layer } from '../contract/layers.ts'
import { labelLayerName, labelsFrom } from '../contract/tile-properties.ts'
import type { Sql } from '../db/sql-client.ts'
import { identifiers } from '../db/sql-client.ts'
import type { TileColumns } from './tile-columns.queries.ts'
import { tileRange, tilingSchemeRel, webMercatorQuad, webMercatorQuadUri } from './tile-matrix-sets.ts'

// The documents that describe a tileset: TileJSON 3.0.0 for map clients (MapLibre reads it
// directly: absolute tile URL, vector_layers with their fields) and the OGC API – Tiles tileset
// description. Both list exactly the MVT layers and properties the tiles contain.
const world: [number, number, number, number] = [-180, -85.051129, 180, 85.051129]

/** The lon/lat extent of the layers' data, or the whole world when they are empty. */
async function dataBounds(sql: Sql, layers: readonly Layer[]): Promise<number[]> {
  const extents = layers.map((layer) => sql`select geom from ${identifiers(sql, layer.table)}`)
  const union = extents.reduce((all, part) => sql`${all} union all ${part}`)
  const [row] = await sql<{ w: number | null; s: number; e: number; n: number }[]>`
    select st_xmin(b) as w, st_ymin(b) as s, st_xmax(b) as e, st_ymax(b) as n
      from (select st_extent(geom) as b from (${union}) as all_layers) as extent`
  if (row?.w == null) return world
  return [row.w, row.s, row.e, row.n].map((value) => Math.round(value * 1e6) / 1e6)
}

/** The zoom from which a layer's tiles carry its label points; undefined: never. */
function labelZoom(layer: Layer): number | undefined {
  return (labelsFrom as Record<string, number | undefined>)[layer.id]
}

/** The label-point layers a tileset with `labels` adds: one per labelled layer among `layers`. */
function labelLayers(layers: readonly Layer[], labels: boolean): Layer[] {
  return labels ? layers.filter((layer) => labelZoom(layer) !== undefined) : []
}

/** Whether the tileset holds the label points of its labelled layers (the combined tileset). */
export type TilesetOptions = { labels?: boolean }

/** TileJSON 3.0.0 for `layers`, whose tiles are at `tilesUrl` (absolute, ending in /WebMercatorQuad). */
export async function tileJson(
  sql: Sql,
  columns: TileColumns,
  layers: readonly Layer[],
  tilesUrl: string,
  name: string,
  { labels = false }: TilesetOptions = {},
) {
  const fields = (layer: Layer) =>
    Object.fromEntries((columns.get(layer.id) ?? []).map((column) => [column.name, column.type]))
  const attributions = [...new Set(layers.flatMap((layer) => (layer.attribution ? [layer.attribution] : [])))]
  return {
    tilejson: '3.0.0',
    name,
    ...(attributions.length > 0 ? { attribution: attributions.join(' · ') } : {}),
    scheme: 'xyz',
    tiles: [`${tilesUrl}/{z}/{y}/{x}`],
    minzoom: Math.min(...layers.map((layer) => layer.tiles.minZoom)),
    maxzoom: Math.max(...layers.map((layer) => layer.tiles.maxZoom)),
    bounds: await dataBounds(sql, layers),
    vector_layers: [
      ...layers.map((layer) => ({
        id: layer.id,
        description: layer.title.en,
        minzoom: layer.tiles.minZoom,
        maxzoom: layer.tiles.maxZoom,
        fields: fields(layer),
      })),
      ...labelLayers(layers, labels).map((layer) => ({
        id: labelLayerName(layer.id),
        description: `${layer.title.en}: one label point per feature`,
        minzoom: labelZoom(layer),
        maxzoom: layer.tiles.maxZoom,
        fields: fields(layer),
      })),
    ],
  }
}

/** The tilesets list of a collection or of the combined tiles at `tilesetsUrl` (…/tiles). */
export function tilesetList(tilesetsUrl: string, apiBase: string, title: string) {
  const href = `${tilesetsUrl}/${webMercatorQuad}`
  return {
    links: [{ rel: 'self', type: 'application/json', href: tilesetsUrl }],
    tilesets: [
      {
        title,
        dataType: 'vector',
        crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
        tileMatrixSetURI: webMercatorQuadUri,
        links: [
          { rel: 'self', type: 'application/json', href },
          {
            rel: tilingSchemeRel,
            type: 'application/json',
            href: `${apiBase}/tileMatrixSets/${webMercatorQuad}`,
          },
          { rel: 'describedby', type: 'application/json', href: `${href}/tilejson.json`, title: 'TileJSON' },
        ],
      },
    ],
  }
}

/**
 * The OGC API – Tiles tileset description of `layers` at `tilesUrl`: the tiling scheme on this
 * server, the tile URL template, and per zoom level the tiles the data touches.
 */
export async function tilesetDescription(
  sql: Sql,
  columns: TileColumns,
  layers: readonly Layer[],
  tilesUrl: string,
  apiBase: string,
  title: string,
  { labels = false }: TilesetOptions = {},
) {
  const propertiesSchema = (layer: Layer) => ({
    type: 'object',
    properties: Object.fromEntries(
      (columns.get(layer.id) ?? []).map((column) => [column.name, { type: column.type.toLowerCase() }]),
    ),
  })
  const bounds = await dataBounds(sql, layers)
  const minZoom = Math.min(...layers.map((layer) => layer.tiles.minZoom))
  const maxZoom = Math.max(...layers.map((layer) => layer.tiles.maxZoom))
  return {
    title,
    dataType: 'vector',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: webMercatorQuadUri,
    tileMatrixSetLimits: Array.from({ length: maxZoom - minZoom + 1 }, (_, i) =>
      tileRange(minZoom + i, bounds),
    ),
    links: [
      { rel: 'self', type: 'application/json', href: tilesUrl },
      {
        rel: tilingSchemeRel,
        type: 'application/json',
        href: `${apiBase}/tileMatrixSets/${webMercatorQuad}`,
      },
      {
        rel: 'item',
        type: 'application/vnd.mapbox-vector-tile',
        templated: true,
        href: `${tilesUrl}/{tileMatrix}/{tileRow}/{tileCol}`,
      },
      { rel: 'describedby', type: 'application/json', href: `${tilesUrl}/tilejson.json`, title: 'TileJSON' },
    ],
    layers: [
      ...layers.map((layer) => ({
        id: layer.id,
        title: layer.title.en,
        dataType: 'vector',
        geometryDimension: { Point: 0, MultiLineString: 1, MultiPolygon: 2, Geometry: undefined }[
          layer.geometryType
        ],
        minTileMatrix: String(layer.tiles.minZoom),
        maxTileMatrix: String(layer.tiles.maxZoom),
        propertiesSchema: propertiesSchema(layer),
      })),
      ...labelLayers(layers, labels).map((layer) => ({
        id: labelLayerName(layer.id),
        title: `${layer.title.en}: label points`,
        dataType: 'vector',
        geometryDimension: 0,
        minTileMatrix: String(labelZoom(layer)),
        maxTileMatrix: String(layer.tiles.maxZoom),
        propertiesSchema: propertiesSchema(layer),
      })),
    ],
  }
}
