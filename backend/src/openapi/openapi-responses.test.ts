import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { deletedFeaturesResponse, featureHistoryResponse } from '../contract/history.schema.ts'
import {
  configResponse,
  contextResponse,
  featureResponse,
  itemsResponse,
  municipalityResponse,
  overlayResponse,
  searchResponse,
} from '../contract/map.schema.ts'
import { problemResponse } from '../contract/problems.ts'
import { rectangle } from '../history/history.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'

// The document's answers are the contract's zod schemas (schemaOf): the live answers of the map
// endpoints must parse with them, so a server that changes shape fails here, not in the browser.

const db = useTestDatabase()

async function answer(path: string, schema: z.ZodType, status = 200, headers: Record<string, string> = {}) {
  const response = await createApp(db()).request(`/api${path}`, { headers })
  expect(response.status, path).toBe(status)
  const parsed = schema.safeParse(await response.json())
  expect(parsed.error?.issues, path).toBeUndefined()
}

describe('the documented answers', () => {
  it('are what search, context, features, history, as-of, overlay, config and a refusal answer', async () => {
    const [plot]: [{ id: number }?] = await db().sql`
      select id from plots where external_id = 'demo:plot:josephstrasse-gardens'`
    if (!plot) throw new Error('no demo plot')
    await answer('/search?q=Josephstra%C3%9Fe', searchResponse)
    await answer(`/context/plots/${plot.id}`, contextResponse)
    await answer('/collections/plots/items?limit=2', itemsResponse)
    await answer(`/collections/plots/items/${plot.id}`, featureResponse)
    await answer(`/collections/plots/items/${plot.id}/history`, featureHistoryResponse)
    await answer('/overlay/figures', overlayResponse)
    await answer('/asof/plots?date=2030-01-01', itemsResponse)
    await answer('/config', configResponse)
    await answer('/config/municipality', municipalityResponse)
    await answer('/context/plots/0', problemResponse, 404)
  })

  it('is what the list of deleted features answers an editor', async () => {
    const headers = await authHeaders(db(), 'planner')
    const app = createApp(db())
    const created = await app.request('/api/collections/quarters/items', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: rectangle(12.334, 51.3355),
        properties: { name: 'Quartier Josephstraße' },
      }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    const deleted = await app.request(`/api/collections/quarters/items/${id}`, {
      method: 'DELETE',
      headers: { ...headers, 'If-Match': created.headers.get('etag') ?? '' },
    })
    expect(deleted.status).toBe(204)
    await answer('/collections/quarters/deleted', deletedFeaturesResponse, 200, headers)
  })
})
