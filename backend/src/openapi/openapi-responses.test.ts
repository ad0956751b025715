import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { createApp } from '../app.ts'
import { featureHistoryResponse } from '../contract/history.schema.ts'
import {
  configResponse,
  contextResponse,
  featureResponse,
  itemsResponse,
  overlayResponse,
  searchResponse,
} from '../contract/map.schema.ts'
import { problemResponse } from '../contract/problems.ts'
import { useTestDatabase } from '../test/test-database.ts'

// The document's answers are the contract's zod schemas (schemaOf): the live answers of the map
// endpoints must parse with them, so a server that changes shape fails here, not in the browser.

const db = useTestDatabase()

async function answer(path: string, schema: z.ZodType, status = 200) {
  const response = await createApp(db()).request(`/api${path}`)
  expect(response.status, path).toBe(status)
  const parsed = schema.safeParse(await response.json())
  expect(parsed.error?.issues, path).toBeUndefined()
}

describe('the documented answers', () => {
  it('are what search, context, features, history, overlay, config and a refusal answer', async () => {
    const [plot]: [{ id: number }?] = await db().sql`
      select id from plots where external_id = 'demo:plot:josephstrasse-gardens'`
    if (!plot) throw new Error('no demo plot')
    await answer('/search?q=Josephstra%C3%9Fe', searchResponse)
    await answer(`/context/plots/${plot.id}`, contextResponse)
    await answer('/collections/plots/items?limit=2', itemsResponse)
    await answer(`/collections/plots/items/${plot.id}`, featureResponse)
    await answer(`/collections/plots/items/${plot.id}/history`, featureHistoryResponse)
    await answer('/overlay/figures', overlayResponse)
    await answer('/config', configResponse)
    await answer('/context/plots/0', problemResponse, 404)
  })
})
