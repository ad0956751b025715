import type { Feature } from 'geojson'

// What the history endpoints answer: every saved version of a feature, oldest first.

/** One saved version of a feature as JSON carries it (dates as ISO strings). */
export type FeatureVersion = {
  version: number
  operation: 'insert' | 'update' | 'delete'
  changedAt: string
  /** Editors only. */
  author: { name: string | null; email: string } | null
  /** The feature as it was after this change (before it, for a delete). */
  feature: Feature
}

/** GET /api/collections/{collectionId}/items/{featureId}/history */
export type FeatureHistory = { collection: string; featureId: number; versions: FeatureVersion[] }
