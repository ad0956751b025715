import {
  type CompositeIndex,
  candidateList,
  classesResponse,
  type DistrictProfile,
  type IndicatorClasses,
  type IndicatorInfo,
  indexResponse,
  indicatorList,
  type PilotCandidate,
  profileResponse,
} from '../../../backend/src/contract/indicators.schema.ts'
import { call, getJson, isProblem, type Problem } from '../api/client.ts'

// The indicator view's calls to /api/indicators; answers are checked against the contract.

export type ClassesChoice = {
  indicator: string
  year: number
  since?: number
  method: string
  classes: number
}
export type IndexPart = { indicator: string; weight: number; higher_is: 'worse' | 'better' }
export type IndexChoice = {
  year: number
  parts: IndexPart[]
  standardise: string
  method: string
  classes: number
}

/** Every indicator with its years. */
export async function fetchIndicators(): Promise<IndicatorInfo[]> {
  return (await getJson('/api/indicators', indicatorList)).indicators
}

/** An indicator's classes and each district's class. */
export function fetchClasses(choice: ClassesChoice): Promise<IndicatorClasses> {
  const query = new URLSearchParams({
    year: String(choice.year),
    method: choice.method,
    classes: String(choice.classes),
    ...(choice.since ? { since: String(choice.since) } : {}),
  })
  return getJson(`/api/indicators/${encodeURIComponent(choice.indicator)}/classes?${query}`, classesResponse)
}

/** The query string of the composite index (JSON and CSV share it). */
export function indexQueryString(choice: IndexChoice): string {
  return new URLSearchParams({
    year: String(choice.year),
    indicators: choice.parts.map((p) => `${p.indicator}:${p.weight}:${p.higher_is}`).join(','),
    standardise: choice.standardise,
    method: choice.method,
    classes: String(choice.classes),
  }).toString()
}

/** The composite index: ranking and classes. */
export function fetchIndex(choice: IndexChoice): Promise<CompositeIndex> {
  return getJson(`/api/indicators/index?${indexQueryString(choice)}`, indexResponse)
}

/** One district's indicators against the city's median. */
export function fetchProfile(key: string, year: number): Promise<DistrictProfile> {
  return getJson(`/api/indicators/districts/${encodeURIComponent(key)}/profile?year=${year}`, profileResponse)
}

/** Marks a district as a pilot candidate (or chooses it); the candidates, or the server's problem. */
export async function markCandidate(body: {
  district_key: string
  reason: string
  index_spec: string
  chosen: boolean
}): Promise<PilotCandidate[] | Problem> {
  const answer = await call<unknown>('POST', '/api/indicators/candidates', { body })
  return isProblem(answer) ? answer : candidateList.parse(answer).candidates
}
