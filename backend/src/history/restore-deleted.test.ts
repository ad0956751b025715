import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { tableChecksum } from '../features/features.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { json, rectangle } from './history.testing.ts'

const db = useTestDatabase()

async function planner() {
  const user = await createUser(db(), 'planner', { display_name: 'QM Lindenau (Test)' })
  const { token } = await createApiToken(db().sql, user.id, 'test')
  return { ...user, headers: { Authorization: `Bearer ${token}` } }
}

/** A quarter with a measure in it, then the quarter deleted (which clears the measure's reference). */
async function deletedQuarterWithMeasure() {
  const app = createApp(db())
  const who = await planner()
  const created = await app.request(
    '/api/collections/quarters/items',
    json(
      'POST',
      {
        type: 'Feature',
        geometry: rectangle(12.334, 51.3355),
        properties: { name: 'Quartier Josephstraße' },
      },
      who.headers,
    ),
  )
  expect(created.status).toBe(201)
  const quarter = ((await created.json()) as { id: number }).id
  const etag = created.headers.get('etag') ?? ''
  const measure = await app.request(
    '/api/collections/measures/items',
    json(
      'POST',
      {
        type: 'Feature',
        geometry: rectangle(12.3342, 51.3356, 0.0002, 0.0001),
        properties: { name: 'Hofbegrünung', quarter_id: quarter },
      },
      who.headers,
    ),
  )
  expect(measure.status).toBe(201)
  const measureId = ((await measure.json()) as { id: number }).id
  const deleted = await app.request(`/api/collections/quarters/items/${quarter}`, {
    method: 'DELETE',
    headers: { ...who.headers, 'If-Match': etag },
  })
  expect(deleted.status).toBe(204)
  return { app, who, quarter, measureId, etag }
}

const quarterOf = async (measureId: number) =>
  (
    await db().sql<{ quarter_id: number | null }[]>`select quarter_id from measures where id = ${measureId}`
  )[0]?.quarter_id

describe('recently deleted features', () => {
  it('lists a deleted quarter with who deleted it, for editors only', async () => {
    const { app, who, quarter } = await deletedQuarterWithMeasure()
    const response = await app.request('/api/collections/quarters/deleted', { headers: who.headers })
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      features: {
        id: number
        version: number
        deletedBy: { email: string }
        feature: { properties: { name: string } }
      }[]
    }
    expect(body.features.map((f) => f.id)).toContain(quarter)
    const entry = body.features.find((f) => f.id === quarter)
    expect(entry?.deletedBy.email).toBe(who.email)
    expect(entry?.feature.properties.name).toBe('Quartier Josephstraße')

    const anonymous = await app.request('/api/collections/quarters/deleted')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json')
  })

  it('restores a deleted quarter under its id as a new version, with the measure pointing to it again', async () => {
    const { app, who, quarter, measureId, etag } = await deletedQuarterWithMeasure()
    expect(await quarterOf(measureId)).toBeNull()

    const restored = await app.request(`/api/collections/quarters/deleted/${quarter}/restore`, {
      method: 'POST',
      headers: who.headers,
    })
    expect(restored.status).toBe(201)
    expect(restored.headers.get('etag')).toBe(`"quarters-${quarter}-v2"`)
    const feature = (await restored.json()) as { id: number; properties: { name: string } }
    expect(feature.id).toBe(quarter)
    expect(feature.properties.name).toBe('Quartier Josephstraße')
    expect(await quarterOf(measureId)).toBe(quarter)

    const history = (await (
      await app.request(`/api/collections/quarters/items/${quarter}/history`, { headers: who.headers })
    ).json()) as { versions: { version: number; operation: string; author: { email: string } | null }[] }
    expect(history.versions.map((v) => [v.version, v.operation])).toEqual([
      [1, 'insert'],
      [1, 'delete'],
      [2, 'insert'],
    ])
    expect(history.versions[2]?.author?.email).toBe(who.email)

    // The ETag read before the deletion no longer matches; the new one does.
    const stale = await app.request(
      `/api/collections/quarters/items/${quarter}`,
      json(
        'PATCH',
        { properties: { code: 'JS' } },
        { ...who.headers, 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
      ),
    )
    expect(stale.status).toBe(412)
    const fresh = await app.request(
      `/api/collections/quarters/items/${quarter}`,
      json(
        'PATCH',
        { properties: { code: 'JS' } },
        {
          ...who.headers,
          'Content-Type': 'application/merge-patch+json',
          'If-Match': restored.headers.get('etag') ?? '',
        },
      ),
    )
    expect(fresh.status).toBe(200)

    const listed = (await (
      await app.request('/api/collections/quarters/deleted', { headers: who.headers })
    ).json()) as { features: { id: number }[] }
    expect(listed.features.map((f) => f.id)).not.toContain(quarter)
  })

  it('refuses to restore a feature that exists or was never deleted, and changes nothing', async () => {
    const { app, who, quarter } = await deletedQuarterWithMeasure()
    const first = await app.request(`/api/collections/quarters/deleted/${quarter}/restore`, {
      method: 'POST',
      headers: who.headers,
    })
    expect(first.status).toBe(201)
    const before = await tableChecksum(db(), 'quarters')
    const again = await app.request(`/api/collections/quarters/deleted/${quarter}/restore`, {
      method: 'POST',
      headers: who.headers,
    })
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toContain('application/problem+json')
    const never = await app.request('/api/collections/quarters/deleted/987654/restore', {
      method: 'POST',
      headers: who.headers,
    })
    expect(never.status).toBe(404)
    const anonymous = await app.request(`/api/collections/quarters/deleted/${quarter}/restore`, {
      method: 'POST',
    })
    expect(anonymous.status).toBe(401)
    const readOnly = await app.request('/api/collections/districts/deleted/1/restore', {
      method: 'POST',
      headers: who.headers,
    })
    expect(readOnly.status).toBe(405)
    expect(await tableChecksum(db(), 'quarters')).toBe(before)
  })
})
