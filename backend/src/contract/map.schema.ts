import { z } from 'zod'

// The shapes of the API answers the map reads, checked at the boundary (an API that changes
// shape fails loudly here rather than as a blank panel).

// Our Content Security Policy allows no eval: without this, zod probes `Function('')` on the first
// parse to compile faster checks, and the browser reports a violation each time.
z.config({ jitless: true })

const lonLat = z.tuple([z.number(), z.number()])
const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()])

/** GET /api/search */
export const searchResponse = z.object({
  results: z.array(
    z.object({
      collection: z.string().describe('a collection id'),
      id: z.union([z.number(), z.string()]),
      name: z.string(),
      detail: z.string().nullable().optional().describe('address, kind or status in the chosen language'),
      center: lonLat.nullable().optional().describe('a point on the feature (lon, lat)'),
      bbox: bbox.nullable().optional().describe('west, south, east, north'),
      score: z.number().min(0).max(1).optional(),
    }),
  ),
})
export type SearchResult = z.infer<typeof searchResponse>['results'][number]

/** A GeoJSON geometry as responses carry it (its type names which one). */
export const geometryResponse = z.object({ type: z.string(), coordinates: z.unknown() })

/** A link of OGC API responses. */
export const linkResponse = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
})

/** GET /api/collections/{collectionId}/items/{featureId} (application/geo+json) */
export const featureResponse = z.object({
  type: z.literal('Feature'),
  id: z.union([z.number(), z.string()]),
  geometry: geometryResponse.nullable(),
  properties: z.record(z.string(), z.unknown()).nullable(),
  links: z.array(linkResponse).optional(),
})
export type FeatureResponse = z.infer<typeof featureResponse>

/** GET /api/collections/{collectionId}/items (application/geo+json) */
export const itemsResponse = z.object({
  type: z.literal('FeatureCollection').optional(),
  numberMatched: z.number().int().optional(),
  numberReturned: z.number().int().optional(),
  timeStamp: z.string().optional(),
  links: z.array(linkResponse).optional(),
  features: z.array(featureResponse),
})

const share = z
  .number()
  .min(0)
  .max(1)
  .describe('share of the feature inside (of its area, its length, or 1 for a point)')

/** GET /api/context/{collectionId}/{featureId}: where a feature lies, for its panel. */
export const contextResponse = z.object({
  programmeAreas: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      programme: z.string().nullable(),
      period_start: z.string().nullable(),
      period_end: z.string().nullable(),
      share,
    }),
  ),
  districts: z.array(z.object({ id: z.number(), key: z.string().nullable(), name: z.string(), share })),
  area_m2: z.number().nullable().describe('polygons only'),
  length_m: z.number().nullable().describe('lines only'),
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
/** GET /api/overlay/figures: one entry per programme area (hectares in the official CRS). */
export const overlayResponse = z.object({
  areas: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      municipality: z.string().describe('the official key (AGS) of the city'),
      city: z.string(),
      programme: z.string().nullable(),
      period_start: z.string().nullable(),
      period_end: z.string().nullable(),
      area_ha: z.number(),
      bbox: bbox.describe('west, south, east, north (WGS 84)'),
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

/** GET /api/config/municipality: the installation's default municipality, as the map starts with it. */
export const municipalityResponse = z.object({
  ags: z.string().describe('the official municipality key (AGS)'),
  name: z.string(),
  srid: z.number().int().describe('the official CRS for coordinates, areas and lengths (EPSG code)'),
  programmeAreasBbox: bbox
    .nullable()
    .describe('west, south, east, north of all its programme areas: the first view of the map'),
})
export type MunicipalityInfo = z.infer<typeof municipalityResponse>
