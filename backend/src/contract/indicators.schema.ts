import { z } from 'zod'

// Indicators per district (issue 19): the definitions, the query strings of the statistics and
// their answers, shared by the routes (validation, OpenAPI) and the browser (parsing).

export const indicatorKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'an indicator key is lowercase letters, digits and _, at most 40')

export const higherIs = z.enum(['worse', 'better'])
export const classMethods = ['quantile', 'jenks', 'equal'] as const
export const standardisations = ['z', 'rank'] as const

/** PUT /api/indicators/{key}: what an indicator is. */
export const indicatorDefinition = z.strictObject({
  name_de: z.string().trim().min(1).max(200),
  name_en: z.string().trim().min(1).max(200),
  unit: z.string().trim().max(40),
  higher_is: higherIs.describe('worse: a high value means more need of support'),
  source: z.string().trim().min(1).max(500),
})

/** GET /api/indicators: every definition with the years that have values. */
export const indicatorList = z.object({
  indicators: z.array(indicatorDefinition.extend({ key: z.string(), years: z.array(z.number().int()) })),
})
export type IndicatorInfo = z.infer<typeof indicatorList>['indicators'][number]

const year = z.coerce.number().int().min(1900).max(2100)

/** GET /api/indicators/{key}/classes: the choropleth's query. */
export const classesQuery = z
  .strictObject({
    year,
    since: year.optional().describe('classify the change since this year instead of the value'),
    method: z.enum(classMethods).default('quantile'),
    classes: z.coerce.number().int().min(2).max(9).default(5),
  })
  .refine((q) => q.since === undefined || q.since < q.year, {
    message: 'since must be before year',
    path: ['since'],
  })

const classEntry = z.object({
  class: z.number().int().describe('1 is the lowest'),
  lower: z.number(),
  upper: z.number().describe('a value belongs to the first class whose upper bound it does not exceed'),
  count: z.number().int(),
})
const classedDistrict = z.object({
  id: z.number().describe('the district feature id (tiles, items)'),
  key: z.string(),
  name: z.string(),
  value: z.number(),
  class: z.number().int(),
})

/** The classes of one indicator (or of the composite index), with each district's class. */
export const classesResponse = z.object({
  classes: z.array(classEntry),
  districts: z.array(classedDistrict),
})
export type IndicatorClasses = z.infer<typeof classesResponse>

/** `sgb2:2,vacancy:1:better`: indicator, weight and optionally its direction (else the definition's). */
const indicatorParts = z.preprocess(
  (list) =>
    typeof list !== 'string'
      ? list
      : list.split(',').map((part) => {
          const [indicator, weight, direction] = part.trim().split(':')
          return { indicator, weight: weight || '1', higher_is: direction || null }
        }),
  z
    .array(
      z.object({
        indicator: indicatorKey,
        weight: z.coerce.number('a weight is a number').positive().max(100),
        higher_is: higherIs.nullable(),
      }),
    )
    .min(1)
    .max(20)
    .refine(
      (parts) => new Set(parts.map((p) => p.indicator)).size === parts.length,
      'an indicator is named twice',
    ),
)

/** GET /api/indicators/index (and index.csv): the composite index's query. */
export const indexQuery = z.strictObject({
  year,
  indicators: indicatorParts,
  standardise: z.enum(standardisations).default('z'),
  method: z.enum(classMethods).default('quantile'),
  classes: z.coerce.number().int().min(2).max(9).default(5),
  lang: z.enum(['de', 'en']).default('de'),
})
export type IndexQuery = z.infer<typeof indexQuery>

/** The composite index: districts ranked, 1 = most need; its classes for the choropleth. */
export const indexResponse = classesResponse.extend({
  ranking: z.array(
    z.object({
      rank: z.number().int(),
      id: z.number(),
      key: z.string(),
      name: z.string(),
      index: z.number(),
      scores: z.record(z.string(), z.number()).describe('each indicator standardised, oriented to need'),
    }),
  ),
})
export type CompositeIndex = z.infer<typeof indexResponse>

/** GET /api/indicators/districts/{districtKey}/profile: one district against the city. */
export const profileQuery = z.strictObject({ year })
export const profileResponse = z.object({
  key: z.string(),
  name: z.string(),
  year: z.number().int(),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      name_de: z.string(),
      name_en: z.string(),
      unit: z.string(),
      higher_is: higherIs,
      value: z.number(),
      median: z.number().describe('the median over the districts with a value'),
      min: z.number(),
      max: z.number(),
      rank: z.number().int().describe('1 = most need'),
      of: z.number().int(),
    }),
  ),
})
export type DistrictProfile = z.infer<typeof profileResponse>

/** POST /api/indicators/candidates: a district marked as a candidate (or chosen) for a pilot area. */
export const candidateInput = z.strictObject({
  district_key: z.string().min(1).max(20),
  reason: z.string().trim().min(1, 'say why this district').max(2000),
  index_spec: z.string().max(500).default(''),
  chosen: z.boolean().default(false),
})
export const candidateList = z.object({
  candidates: z.array(
    z.object({
      id: z.number(),
      district_key: z.string(),
      name: z.string(),
      reason: z.string(),
      index_spec: z.string(),
      chosen: z.boolean(),
      created_at: z.string(),
    }),
  ),
})
export type PilotCandidate = z.infer<typeof candidateList>['candidates'][number]

/** POST /api/indicators/values: what a CSV import wrote. */
export const importResponse = z.object({
  imported: z.number().int(),
  indicators: z.array(z.string()),
  years: z.array(z.number().int()),
})
