import { serialize } from 'flatgeobuf/lib/mjs/geojson.js'
import type { ExportRow } from './export.queries.ts'
import type { ExportTable } from './export-table.ts'

// FlatGeobuf written by the flatgeobuf library the import reads it with. The library types its
// columns from the first feature alone (a null there makes a text column): every feature
// therefore carries every column, and a null in a number column of the first feature makes
// that column text throughout, so that no later number lands in a text column. Its layer is
// always named "L1" (the library writes that name; GDAL shows the file name in QGIS anyway).

/** A FlatGeobuf of `rows` (GeoJSON geometries) and `table` in EPSG:`srid`. */
export function writeFlatGeobuf(table: ExportTable, rows: readonly ExportRow[], srid: number): Uint8Array {
  const first = table.records[0]?.values ?? []
  const asText = table.columns.map((column, i) => column.type !== 'text' && first[i] === null)
  const features = table.records.map((record, i) => ({
    type: 'Feature',
    geometry: JSON.parse((rows[i] as ExportRow).geometry as string),
    properties: Object.fromEntries(
      table.columns.map((column, j) => {
        const value = record.values[j] ?? null
        return [column.name, asText[j] && value !== null ? String(value) : value]
      }),
    ),
  }))
  return serialize({ type: 'FeatureCollection', features } as never, srid)
}
