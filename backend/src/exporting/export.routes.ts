import { Hono } from 'hono'
import { contentCrs } from '../crs/crs.ts'
import { layerOf } from '../features/layer-of.ts'
import { isEditor, visibleProperties } from '../features/visible-properties.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { crsDefinition, type GeometryEncoding, readExportRows } from './export.queries.ts'
import { type ExportFormat, readExportRequest } from './export-params.ts'
import { exportTable } from './export-table.ts'
import { writeTableCsv } from './write-csv.ts'
import { writeFlatGeobuf } from './write-flatgeobuf.ts'
import { writeGeoJson } from './write-geojson.ts'
import { writeGeoPackage } from './write-geopackage.ts'
import { hasShapeType, writeShapefile } from './write-shapefile.ts'

// GET /api/collections/{collectionId}/export?f=gpkg|shp|csv|fgb|geojson: a whole layer, or what
// the items' filters or a selection of ids keep, as one file to download. A resource beside
// …/items rather than more `f` values on it: items are pages (OGC API – Features, limit and
// next links), an export is every match in one file, in formats that cannot be paged.

const files: Record<ExportFormat, { type: string; extension: string; encoding: GeometryEncoding }> = {
  geojson: { type: 'application/geo+json', extension: 'geojson', encoding: 'geojson' },
  gpkg: { type: 'application/geopackage+sqlite3', extension: 'gpkg', encoding: 'wkb' },
  shp: { type: 'application/zip', extension: 'zip', encoding: 'shape' },
  csv: { type: 'text/csv; charset=utf-8; header=present', extension: 'csv', encoding: 'wkt' },
  fgb: { type: 'application/flatgeobuf', extension: 'fgb', encoding: 'geojson' },
}

export const exportRoutes = new Hono<AppEnv>().get('/collections/:collectionId/export', async (c) => {
  const layer = layerOf(c.req.param('collectionId'))
  const { format, csv, query } = readExportRequest(c, layer)
  if (format === 'shp' && !hasShapeType(layer.geometryType)) {
    throw new Problem(
      400,
      'invalid-parameter',
      'A Shapefile holds one geometry type',
      `${layer.id} mixes points, lines and areas; export ${layer.id}-points, ${layer.id}-lines and ${layer.id}-areas one by one`,
      { parameter: 'f' },
    )
  }
  const user = c.get('user')
  const properties = visibleProperties(layer, user)
  const file = files[format]
  const { sql } = c.get('db')
  const rows = await readExportRows(c.get('reads'), layer, query, properties, file.encoding)
  const srid = query.crs.srid
  const name = layer.id.replaceAll('-', '_')
  const body = await (async () => {
    if (format === 'geojson') return writeGeoJson(rows, query.crs.geographic ? undefined : srid)
    const table = exportTable(properties, rows)
    if (format === 'csv')
      return writeTableCsv(
        table,
        rows.map((row) => row.geometry as string),
        csv,
      )
    if (format === 'fgb') return writeFlatGeobuf(table, rows, srid)
    const definition = await crsDefinition(sql, srid)
    if (format === 'shp') return writeShapefile(name, layer.geometryType, table, rows, definition)
    return writeGeoPackage(
      { name, title: layer.title.de, geometryType: layer.geometryType, srid, definition },
      table,
      rows,
    )
  })()
  c.header('Vary', 'Authorization, Cookie')
  if (isEditor(user)) c.header('Cache-Control', 'private, no-store')
  return c.body(Buffer.from(body), 200, {
    'Content-Type': file.type,
    'Content-Disposition': `attachment; filename="${name}.${file.extension}"`,
    'Content-Crs': contentCrs(query.crs),
  })
})
