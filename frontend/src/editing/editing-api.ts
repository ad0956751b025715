import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type {
  DeletedFeature,
  DeletedFeatures,
  FeatureHistory,
  FeatureVersion,
} from '../../../backend/src/contract/history.schema.ts'
import { type Problem, problemOf } from '../api/client.ts'

// The planner's calls: reading a feature with its ETag (and non-public properties), saving with
// If-Match, history, restore, and layers as of a date. Problems come back as data (the client's
// Problem) so the UI can show the server's words.

export type Stored = { feature: Feature; etag: string }

export type SaveResult =
  | { ok: true; stored: Stored }
  | { ok: false; conflict: Stored | null; problem: Problem }

const itemPath = (collection: string, id?: number | string) =>
  `/api/collections/${encodeURIComponent(collection)}/items${id === undefined ? '' : `/${encodeURIComponent(id)}`}`

/** A feature as an editor sees it, with the ETag to save it with. */
export async function readStored(collection: string, id: number | string): Promise<Stored | Problem> {
  const response = await fetch(itemPath(collection, id), {
    headers: { Accept: 'application/geo+json' },
    cache: 'no-store',
  })
  if (!response.ok) return problemOf(response)
  return { feature: (await response.json()) as Feature, etag: response.headers.get('etag') ?? '' }
}

/**
 * Creates (no id) or replaces a feature; on 412 also fetches the version saved in between, so
 * the planner can compare theirs with theirs.
 */
export async function saveFeature(
  collection: string,
  id: number | string | undefined,
  etag: string | undefined,
  geometry: Geometry,
  properties: Record<string, unknown>,
): Promise<SaveResult> {
  const response = await fetch(itemPath(collection, id), {
    method: id === undefined ? 'POST' : 'PUT',
    headers: {
      'Content-Type': 'application/geo+json',
      Accept: 'application/geo+json',
      ...(etag ? { 'If-Match': etag } : {}),
    },
    body: JSON.stringify({ type: 'Feature', geometry, properties }),
  })
  if (response.ok) {
    return {
      ok: true,
      stored: { feature: (await response.json()) as Feature, etag: response.headers.get('etag') ?? '' },
    }
  }
  const problem = await problemOf(response)
  if (response.status === 412 && id !== undefined) {
    const theirs = await readStored(collection, id)
    return { ok: false, problem, conflict: 'feature' in theirs ? theirs : null }
  }
  return { ok: false, problem, conflict: null }
}

export type Version = FeatureVersion

/** Every saved version of a feature, oldest first. */
export async function fetchHistory(collection: string, id: number | string): Promise<Version[]> {
  const response = await fetch(`${itemPath(collection, id)}/history`, { cache: 'no-store' })
  if (!response.ok) return []
  return ((await response.json()) as FeatureHistory).versions
}

/** Saves `version` again as the newest version. */
export async function restoreVersion(
  collection: string,
  id: number | string,
  version: number,
  etag: string,
): Promise<Stored | Problem> {
  const response = await fetch(`${itemPath(collection, id)}/history/${version}/restore`, {
    method: 'POST',
    headers: { 'If-Match': etag },
  })
  if (!response.ok) return problemOf(response)
  return { feature: (await response.json()) as Feature, etag: response.headers.get('etag') ?? '' }
}

/** A collection as it was at the end of `date` (YYYY-MM-DD). */
export async function fetchAsOf(collection: string, date: string): Promise<FeatureCollection> {
  const response = await fetch(`/api/asof/${encodeURIComponent(collection)}?date=${encodeURIComponent(date)}`)
  if (!response.ok) return { type: 'FeatureCollection', features: [] }
  return (await response.json()) as FeatureCollection
}

/** Deletes a feature read with `etag`. */
export async function deleteStored(
  collection: string,
  id: number | string,
  etag: string,
): Promise<true | Problem> {
  const response = await fetch(itemPath(collection, id), { method: 'DELETE', headers: { 'If-Match': etag } })
  return response.ok ? true : problemOf(response)
}

export type { DeletedFeature }

/** The features of `collection` whose last change was their deletion, newest first. */
export async function fetchDeleted(collection: string): Promise<DeletedFeature[]> {
  const response = await fetch(`/api/collections/${encodeURIComponent(collection)}/deleted`, {
    cache: 'no-store',
  })
  if (!response.ok) return []
  return ((await response.json()) as DeletedFeatures).features
}

/** Brings deleted feature `id` back under its id, as a new version. */
export async function restoreDeleted(collection: string, id: number | string): Promise<Stored | Problem> {
  const response = await fetch(
    `/api/collections/${encodeURIComponent(collection)}/deleted/${encodeURIComponent(id)}/restore`,
    { method: 'POST' },
  )
  if (!response.ok) return problemOf(response)
  return { feature: (await response.json()) as Feature, etag: response.headers.get('etag') ?? '' }
}

/** Every feature of `collection` by id and name, sorted by name (for choosing a reference). */
export async function fetchNames(collection: string): Promise<{ id: number; name: string }[]> {
  const response = await fetch(`${itemPath(collection)}?limit=10000`, {
    headers: { Accept: 'application/geo+json' },
  })
  if (!response.ok) return []
  const { features } = (await response.json()) as FeatureCollection
  return features
    .map((f) => ({ id: Number(f.id), name: String(f.properties?.name ?? f.id) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'))
}

/** The version number an ETag names ("plots-12-v3" → 3), undefined for another shape. */
export function versionOf(etag: string | undefined): number | undefined {
  const match = /-v(\d+)"?$/.exec(etag ?? '')
  return match ? Number(match[1]) : undefined
}
