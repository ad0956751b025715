import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../http/app-types.ts'
import { readQuery } from '../http/read-query.ts'
import { searchFeatures } from './search.queries.ts'
import { referenceDetails, searchFields } from './search-fields.ts'

export const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'type something to search for')
    .max(200, 'a search is at most 200 characters long'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  lang: z.enum(['de', 'en']).default('de'),
})

const details = new Map([
  ...searchFields.map((fields) => [fields.collection as string, fields.detail] as const),
  ...Object.entries(referenceDetails),
])

/** GET /api/search?q=…&limit=10&lang=de: public features, streets and addresses, ranked. */
export const searchRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { q, limit, lang } = readQuery(c, searchQuery)
  const rows = await searchFeatures(c.get('reads'), q, limit)
  const results = rows.map(({ facts, ...row }) => ({
    collection: row.collection,
    id: row.id,
    name: row.name,
    detail: details.get(row.collection)?.(facts, lang) ?? '',
    center: row.center,
    bbox: row.bbox,
    score: row.score,
  }))
  return c.json({ results })
})
