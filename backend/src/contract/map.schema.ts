import { z } from 'zod'

// The shapes of the API answers the map reads, checked at the boundary (an API that changes
// shape fails loudly here rather than as a blank panel).

// Our Content Security Policy allows no eval: without this, zod probes `Function('')` on the first
// parse to compile faster checks, and the browser reports a violation each time.
z.config({ jitless: true })

const lonLat = z.tuple([z.number(), z.number()])
const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()])

export const searchResponse = z.object({
  results: z.array(
    z.object({
      collection: z.string(),
      id: z.union([z.number(), z.string()]),
      name: z.string(),
      detail: z.string().nullable().optional(),
      center: lonLat.nullable().optional(),
      bbox: bbox.nullable().optional(),
      score: z.number().optional(),
    }),
  ),
})
export type SearchResult = z.infer<typeof searchResponse>['results'][number]

export const featureResponse = z.object({
  type: z.literal('Feature'),
  id: z.union([z.number(), z.string()]),
  geometry: z.object({ type: z.string(), coordinates: z.unknown() }).nullable(),
  properties: z.record(z.string(), z.unknown()).nullable(),
})
export type FeatureResponse = z.infer<typeof featureResponse>
export const itemsResponse = z.object({ features: z.array(featureResponse) })

export const contextResponse = z.object({
  programmeAreas: z.array(z.object({ id: z.number(), name: z.string(), programme: z.string().nullable() })),
  districts: z.array(z.object({ id: z.number(), key: z.string().nullable(), name: z.string() })),
  area_m2: z.number().nullable(),
  length_m: z.number().nullable(),
  /** Plots only: the running interim-use agreements on it, public columns. */
  agreements: z
    .array(
      z.object({
        id: z.number(),
        name: z.string(),
        use: z.string(),
        status: z.string(),
        term_start: z.string().nullable(),
        term_end: z.string().nullable(),
        organisation: z.string().nullable(),
      }),
    )
    .optional(),
})
export type FeatureContext = z.infer<typeof contextResponse>

const countHa = z.object({ count: z.number(), ha: z.number() })
export const overlayResponse = z.object({
  areas: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      programme: z.string().nullable(),
      period_start: z.string().nullable(),
      period_end: z.string().nullable(),
      area_ha: z.number(),
      plots: z.record(z.string(), countHa),
      interim_use_ha: z.number(),
      interim_use_share: z.number(),
      agreements_ending_12m: z.number(),
      measures: z.record(z.string(), z.number()),
      overlaps: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          programme: z.string().nullable(),
          overlap_ha: z.number(),
        }),
      ),
    }),
  ),
})
export type OverlayFigures = z.infer<typeof overlayResponse>
export type OverlayArea = OverlayFigures['areas'][number]

export const configResponse = z.object({ basemapStyleUrl: z.string().nullable() })
