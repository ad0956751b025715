import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { readQuery } from '../http/read-query.ts'
import { municipalityExists, overlayFigures } from './overlay.queries.ts'
import { type OverlayQuery, overlayQuery } from './overlay.schema.ts'
import { overlayCsv } from './overlay-csv.ts'

async function figures(
  c: Context<AppEnv>,
): Promise<[OverlayQuery, Awaited<ReturnType<typeof overlayFigures>>]> {
  const query = readQuery(c, overlayQuery)
  const { sql } = c.get('db')
  if (query.municipality && !(await municipalityExists(sql, query.municipality))) {
    throw new Problem(
      400,
      'invalid-query',
      'Unknown municipality',
      `no municipality with AGS ${query.municipality}`,
    )
  }
  return [query, await overlayFigures(sql, query)]
}

/** GET /api/overlay/figures and /figures.csv: programme areas with their figures, as JSON or CSV. */
export const overlayRoutes = new Hono<AppEnv>()
  .get('/figures', async (c) => {
    const [, areas] = await figures(c)
    return c.json({ areas })
  })
  .get('/figures.csv', async (c) => {
    const [query, areas] = await figures(c)
    const name = ['quartiersatlas-overlay', ...(query.programmes ?? ['alle']), query.from, query.to]
      .filter(Boolean)
      .join('-')
    return c.body(overlayCsv(areas, query.lang), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    })
  })
