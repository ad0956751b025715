import { halfWorld, maxZoom } from './tile-coordinates.ts'

// The one tiling scheme Quartiersatlas serves, WebMercatorQuad, as the OGC Two Dimensional Tile
// Matrix Set JSON (17-083r4, 2.0), served by the API itself: GDAL's OGCAPI driver downloads the
// scheme a tileset's tiling-scheme link names, and the link must not depend on another server.
// GDAL 3.6 (Debian 12) still reads only the 1.0 encoding (17-083r2: type, identifier,
// supportedCRS, topLeftCorner) and refuses a pure 2.0 document as "Invalid tiling matrix set
// name"; so the document carries the 1.0 members beside the 2.0 ones, which newer readers ignore.

export const webMercatorQuad = 'WebMercatorQuad'
export const webMercatorQuadUri = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad'
export const tilingSchemeRel = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme'

/** Metres per pixel at zoom 0 with 256-pixel tiles, and its scale at 0.28 mm per pixel. */
const cellSize0 = (2 * halfWorld) / 256
const scale0 = cellSize0 / 0.00028

/** The OGC 2D TMS document of WebMercatorQuad, zoom 0 to 24. */
export function webMercatorQuadDocument(selfHref: string) {
  const crs = 'http://www.opengis.net/def/crs/EPSG/0/3857'
  return {
    id: webMercatorQuad,
    title: 'Google Maps Compatible for the World',
    uri: webMercatorQuadUri,
    crs,
    orderedAxes: ['X', 'Y'],
    wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
    links: [{ rel: 'self', type: 'application/json', href: selfHref }],
    type: 'TileMatrixSetType',
    identifier: webMercatorQuad,
    supportedCRS: crs,
    boundingBox: {
      type: 'BoundingBoxType',
      crs,
      lowerCorner: [-halfWorld, -halfWorld],
      upperCorner: [halfWorld, halfWorld],
    },
    tileMatrices: Array.from({ length: maxZoom + 1 }, (_, z) => ({
      id: String(z),
      identifier: String(z),
      topLeftCorner: [-halfWorld, halfWorld],
      scaleDenominator: scale0 / 2 ** z,
      cellSize: cellSize0 / 2 ** z,
      cornerOfOrigin: 'topLeft',
      pointOfOrigin: [-halfWorld, halfWorld],
      tileWidth: 256,
      tileHeight: 256,
      matrixWidth: 2 ** z,
      matrixHeight: 2 ** z,
    })),
  }
}

/** The list at /tileMatrixSets. */
export function tileMatrixSetList(base: string) {
  const href = `${base}/tileMatrixSets/${webMercatorQuad}`
  return {
    links: [{ rel: 'self', type: 'application/json', href: `${base}/tileMatrixSets` }],
    tileMatrixSets: [
      {
        id: webMercatorQuad,
        title: 'Google Maps Compatible for the World',
        uri: webMercatorQuadUri,
        crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
        links: [
          { rel: 'self', type: 'application/json', href },
          { rel: tilingSchemeRel, type: 'application/json', href },
        ],
      },
    ],
  }
}

/** The tile columns and rows of zoom `z` that a lon/lat box touches. */
export function tileRange(z: number, [west, south, east, north]: readonly number[]) {
  const n = 2 ** z
  const column = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)))
  const row = (lat: number) => {
    const sin = Math.sin((Math.max(-85.051129, Math.min(85.051129, lat)) * Math.PI) / 180)
    const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
    return Math.min(n - 1, Math.max(0, Math.floor(y * n)))
  }
  return {
    tileMatrix: String(z),
    minTileRow: row(north ?? 0),
    maxTileRow: row(south ?? 0),
    minTileCol: column(west ?? 0),
    maxTileCol: column(east ?? 0),
  }
}
