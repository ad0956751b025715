import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { requireRoleOf } from '../auth/require-role.ts'
import {
  candidateInput,
  classesQuery,
  type IndexQuery,
  indexQuery,
  indicatorDefinition,
  indicatorKey,
  profileQuery,
} from '../contract/indicators.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { limitBodyTo } from '../http/body-limit.ts'
import { Problem } from '../http/problem.ts'
import { limitBody, readJson } from '../http/read-json.ts'
import { readQuery } from '../http/read-query.ts'
import { readIndicatorCsv } from './indicator-csv.ts'
import { compositeIndex, districtProfile, indicatorClasses } from './indicator-stats.queries.ts'
import {
  importValues,
  listCandidates,
  listIndicators,
  markCandidate,
  putIndicator,
} from './indicators.queries.ts'
import { rankingCsv } from './ranking-csv.ts'

// /api/indicators: indicator definitions and values per district (public reads, as the city
// publishes them), their choropleth classes, the composite index and its CSV, a district's
// profile; planners and admins define indicators, import tables and mark pilot candidates.

/** A table of all 63 Leipzig Ortsteile and ten indicators over ten years is about 60 kB. */
const maxCsvBytes = 2 * 1024 * 1024

const editors = ['planner', 'admin'] as const

function keyParam(c: Context<AppEnv>): string {
  const key = indicatorKey.safeParse(c.req.param('key'))
  if (!key.success)
    throw new Problem(404, 'not-found', 'No such indicator', `no indicator ${c.req.param('key')}`)
  return key.data
}

async function indexFor(
  c: Context<AppEnv>,
): Promise<[IndexQuery, Awaited<ReturnType<typeof compositeIndex>>]> {
  const query = readQuery(c, indexQuery)
  const { sql } = c.get('db')
  const known = new Set((await listIndicators(sql)).map((indicator) => indicator.key))
  const unknown = query.indicators.filter((part) => !known.has(part.indicator)).map((part) => part.indicator)
  if (unknown.length > 0)
    throw new Problem(400, 'invalid-query', 'Unknown indicators', `no indicator ${unknown.join(', ')}`, {
      errors: [{ parameter: 'indicators', message: `unknown: ${unknown.join(', ')}` }],
    })
  return [query, await compositeIndex(sql, query)]
}

export const indicatorRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    readQuery(c, z.strictObject({}))
    return c.json({ indicators: await listIndicators(c.get('db').sql) })
  })
  .get('/index', async (c) => {
    const [, index] = await indexFor(c)
    return c.json(index)
  })
  .get('/index.csv', async (c) => {
    const [query, index] = await indexFor(c)
    const keys = query.indicators.map((part) => part.indicator)
    return c.body(rankingCsv(index.ranking, keys, query.lang), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="quartiersatlas-index-${query.year}.csv"`,
    })
  })
  .get('/candidates', async (c) => {
    requireRoleOf(c.get('user'), editors)
    return c.json({ candidates: await listCandidates(c.get('db').sql) })
  })
  .post('/candidates', limitBody, async (c) => {
    const user = requireRoleOf(c.get('user'), editors)
    const input = await readJson(c, candidateInput)
    const { sql } = c.get('db')
    await markCandidate(sql, input, user.id)
    return c.json({ candidates: await listCandidates(sql) }, 201)
  })
  .get('/districts/:districtKey/profile', async (c) => {
    const { year } = readQuery(c, profileQuery)
    const profile = await districtProfile(c.get('db').sql, c.req.param('districtKey'), year)
    if (!profile)
      throw new Problem(
        404,
        'not-found',
        'No such district',
        `no district has the key ${c.req.param('districtKey')}`,
      )
    return c.json(profile)
  })
  .post('/values', limitBodyTo(maxCsvBytes), async (c) => {
    requireRoleOf(c.get('user'), editors)
    if (!/^text\/(csv|plain)\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      throw new Problem(
        415,
        'unsupported-media-type',
        'Send the table as CSV',
        'Content-Type must be text/csv',
      )
    const table = readIndicatorCsv(await c.req.text())
    return c.json(await importValues(c.get('db').sql, table))
  })
  .put('/:key', limitBody, async (c) => {
    requireRoleOf(c.get('user'), editors)
    const key = indicatorKey.safeParse(c.req.param('key'))
    if (!key.success)
      throw new Problem(422, 'invalid-fields', 'Invalid indicator key', key.error.issues[0]?.message, {
        errors: [{ field: 'key', message: key.error.issues[0]?.message }],
      })
    const definition = await readJson(c, indicatorDefinition)
    const { created } = await putIndicator(c.get('db').sql, key.data, definition)
    return c.json({ key: key.data, ...definition }, created ? 201 : 200)
  })
  .get('/:key/classes', async (c) => {
    const key = keyParam(c)
    const query = readQuery(c, classesQuery)
    const { sql } = c.get('db')
    if (!(await listIndicators(sql)).some((indicator) => indicator.key === key))
      throw new Problem(404, 'not-found', 'No such indicator', `no indicator ${key}`)
    return c.json(await indicatorClasses(sql, key, query))
  })
