import { Hono } from 'hono'
import { z } from 'zod'
import { findLayer } from '../contract/layers.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathId } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { readQuery } from '../http/read-query.ts'
import { featureContext } from './context.queries.ts'
import { plotAgreements } from './plot-agreements.queries.ts'

const contextQuery = z.strictObject({ lang: z.enum(['de', 'en']).optional() })

/**
 * GET /api/context/{collectionId}/{featureId}: the programme areas and districts a feature lies
 * in, and its size; for a plot also its running interim-use agreements (public columns only).
 */
export const contextRoutes = new Hono<AppEnv>().get('/:collectionId/:featureId', async (c) => {
  readQuery(c, contextQuery)
  const collectionId = c.req.param('collectionId')
  const layer = findLayer(collectionId)
  if (!layer) {
    throw new Problem(404, 'not-found', 'No such collection', `there is no collection "${collectionId}"`)
  }
  const id = pathId(c.req.param('featureId'))
  const context = id !== undefined ? await featureContext(c.get('db').sql, layer, id) : undefined
  if (!context) {
    throw new Problem(
      404,
      'not-found',
      'No such feature',
      `${layer.id} has no feature ${c.req.param('featureId')}`,
    )
  }
  if (layer.id !== 'plots' || id === undefined) return c.json(context)
  return c.json({ ...context, agreements: await plotAgreements(c.get('db').sql, id) })
})
