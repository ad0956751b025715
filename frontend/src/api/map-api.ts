import {
  configResponse,
  contextResponse,
  type FeatureContext,
  type FeatureResponse,
  featureResponse,
  itemsResponse,
  type MunicipalityInfo,
  municipalityResponse,
  type OverlayFigures,
  overlayResponse,
  type SearchResult,
  searchResponse,
} from '../../../backend/src/contract/map.schema.ts'
import { getJson } from './client.ts'

// The map's public reads: search, a feature, its context, the overlay figures and the client
// configuration. Answers are checked against the contract's schemas; a refusal throws ApiError.

/** Ranked search across layers. */
export async function searchFeatures(q: string, lang: string, signal?: AbortSignal): Promise<SearchResult[]> {
  const query = new URLSearchParams({ q, limit: '10', lang })
  return (await getJson(`/api/search?${query}`, searchResponse, signal)).results
}

/** One feature with its public properties and geometry. */
export function fetchFeature(collection: string, id: string | number): Promise<FeatureResponse> {
  return getJson(
    `/api/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`,
    featureResponse,
  )
}

/** The features of `collection` whose queryable `property` equals `value` (names and ids). */
export async function fetchItemsWhere(
  collection: string,
  property: string,
  value: string | number,
): Promise<{ id: number; name: string }[]> {
  const query = new URLSearchParams({ [property]: String(value), limit: '500' })
  const { features } = await getJson(
    `/api/collections/${encodeURIComponent(collection)}/items?${query}`,
    itemsResponse,
  )
  return features.map((f) => ({ id: Number(f.id), name: String(f.properties?.name ?? f.id) }))
}

/** The programme areas and district a feature lies in, and its measures. */
export function fetchContext(collection: string, id: string | number): Promise<FeatureContext> {
  return getJson(`/api/context/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`, contextResponse)
}

export type OverlayQuery = { programmes: readonly string[]; from: string; to: string; municipality?: string }

/** The query string for the overlay figures (JSON and CSV share it). */
export function overlayQueryString({ programmes, from, to, municipality }: OverlayQuery): string {
  const query = new URLSearchParams()
  if (programmes.length > 0) query.set('programmes', programmes.join(','))
  if (from) query.set('from', from)
  if (to) query.set('to', to)
  if (municipality) query.set('municipality', municipality)
  return query.toString()
}

/** The city's overlay figures per programme area. */
export function fetchOverlayFigures(query: OverlayQuery, signal?: AbortSignal): Promise<OverlayFigures> {
  return getJson(`/api/overlay/figures?${overlayQueryString(query)}`, overlayResponse, signal)
}

/** The installation's client configuration; no basemap when the endpoint fails. */
export async function fetchBasemapStyleUrl(): Promise<string | null> {
  try {
    return (await getJson('/api/config', configResponse)).basemapStyleUrl
  } catch {
    return null
  }
}

/** The default municipality (its CRS, the extent of its programme areas), or null when unreachable. */
export async function fetchMunicipality(): Promise<MunicipalityInfo | null> {
  try {
    return await getJson('/api/config/municipality', municipalityResponse)
  } catch {
    return null
  }
}
