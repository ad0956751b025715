import type { ExportRow } from './export.queries.ts'

// GeoJSON: PostGIS wrote each geometry; properties are the JSON PostGIS built. The CRS, when
// not CRS84, is named with the 2008 `crs` member that GDAL and QGIS still read.

/** A FeatureCollection of `rows`, as UTF-8 bytes. */
export function writeGeoJson(rows: readonly ExportRow[], srid: number | undefined): Uint8Array {
  const crs =
    srid === undefined ? '' : `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${srid}"}},`
  const features = rows.map(
    (row) => `{"type":"Feature","id":${row.id},"geometry":${row.geometry},"properties":${row.properties}}`,
  )
  return Buffer.from(`{"type":"FeatureCollection",${crs}"features":[${features.join(',')}]}`)
}
