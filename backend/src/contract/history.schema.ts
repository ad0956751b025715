import type { Feature } from 'geojson'
import { z } from 'zod'

// What the history endpoints answer: every saved version of a feature, oldest first.

/** A GeoJSON Feature, checked only to be an object (its shape is GeoJSON's, RFC 7946). */
const geoJsonFeature = z
  .custom<Feature>((value) => typeof value === 'object' && value !== null)
  .meta({ type: 'object', description: 'a GeoJSON Feature' } as Record<string, unknown>)

/** One saved version of a feature as JSON carries it (dates as ISO strings). */
export const featureVersionResponse = z.object({
  version: z.number().int(),
  operation: z.enum(['insert', 'update', 'delete']),
  changedAt: z.string().describe('an RFC 3339 date-time'),
  author: z
    .object({ name: z.string().nullable(), email: z.string() })
    .nullable()
    .describe('editors only; null for everyone else'),
  databaseRole: z
    .string()
    .nullable()
    .describe(
      'editors only: the database role that made the change when no Quartiersatlas user did (an edit in QGIS or psql, an import); null otherwise',
    ),
  client: z
    .string()
    .nullable()
    .describe('the program of a desktop GIS write (its User-Agent), editors only; null otherwise'),
  replacedVersion: z
    .number()
    .int()
    .nullable()
    .describe('the version this change overwrote without If-Match (desktop GIS: last writer wins)'),
  feature: geoJsonFeature.describe('the feature as it was after this change (before it, for a delete)'),
})
export type FeatureVersion = z.infer<typeof featureVersionResponse>

/** GET /api/collections/{collectionId}/items/{featureId}/history */
export const featureHistoryResponse = z.object({
  collection: z.string(),
  featureId: z.number().int(),
  versions: z.array(featureVersionResponse),
})
export type FeatureHistory = z.infer<typeof featureHistoryResponse>

/** One feature whose last change was its deletion, as it was then. */
export const deletedFeatureResponse = z.object({
  id: z.number().int(),
  version: z.number().int().describe('the version it had when it was deleted'),
  deletedAt: z.string().describe('an RFC 3339 date-time'),
  deletedBy: z
    .object({ name: z.string().nullable(), email: z.string() })
    .nullable()
    .describe('who deleted it; null when the account is gone'),
  feature: geoJsonFeature.describe('the feature as its deletion recorded it'),
})
export type DeletedFeature = z.infer<typeof deletedFeatureResponse>

/** GET /api/collections/{collectionId}/deleted (planner, admin), newest first. */
export const deletedFeaturesResponse = z.object({
  collection: z.string(),
  features: z.array(deletedFeatureResponse),
})
export type DeletedFeatures = z.infer<typeof deletedFeaturesResponse>
