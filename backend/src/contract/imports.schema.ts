import { z } from 'zod'

// The import API: upload a file with its options (multipart field "options", JSON), get a
// preview (features in WGS 84, the per-feature report, the suggested field mapping), then send
// the same file with the mapping to commit. Shared by the server and the browser's import screen.

export const importOptions = z.strictObject({
  /** The GeoPackage table or the Shapefile in the zip. */
  layer: z.string().min(1).max(200).optional(),
  /** The EPSG code of the coordinates when the file does not say it. */
  srid: z.number().int().positive().optional(),
  /** Source field → layer column (null: leave the field out). */
  mapping: z.record(z.string(), z.string().nullable()).optional(),
  /** CSV geometry columns: WKT, or x/y (lon/lat or easting/northing). */
  csv: z
    .strictObject({ wkt: z.string().optional(), x: z.string().optional(), y: z.string().optional() })
    .optional(),
  /** Import the valid features even if some are refused. */
  validOnly: z.boolean().optional(),
})
export type ImportOptionsInput = z.infer<typeof importOptions>

export const featureRefusal = z.object({
  feature: z.number().int(),
  id: z.union([z.string(), z.number()]).optional(),
  reasons: z.array(z.string()),
  location: z.tuple([z.number(), z.number()]).optional(),
})

export const importReport = z.object({
  table: z.string(),
  features: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  refused: z.array(featureRefusal),
  ignoredProperties: z.array(z.string()),
  srid: z.number().int(),
  partial: z.boolean(),
})
export type ImportReportBody = z.infer<typeof importReport>

export const importPreview = z.object({
  format: z.enum(['geojson', 'geojsonseq', 'shapefile', 'geopackage', 'csv', 'flatgeobuf']),
  layers: z.array(z.string()),
  layer: z.string(),
  fields: z.array(z.string()),
  suggestedMapping: z.record(z.string(), z.string().nullable()),
  /** The first features, as they would be stored (WGS 84), with the mapped properties. */
  features: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()),
        geometry: z.unknown(),
      }),
    ),
  }),
  report: importReport,
})
export type ImportPreview = z.infer<typeof importPreview>
