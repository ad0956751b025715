import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders, createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { tableChecksum } from '../features/features.testing.ts'
import { json, rectangle } from '../history/history.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

const lindenau = rectangle(12.3345, 51.3365)
const gruenau = rectangle(12.265, 51.308)

async function tokenFor(id: number) {
  const { token } = await createApiToken(db().sql, id, 'test')
  return { Authorization: `Bearer ${token}` }
}

async function areaId(externalId: string): Promise<number> {
  const [row] = await db().sql<
    { id: number }[]
  >`select id from programme_areas where external_id = ${externalId}`
  if (!row) throw new Error(`no programme area ${externalId}`)
  return row.id
}

/** A planner limited to Grünau by an admin, through the API. */
async function gruenauPlanner() {
  const app = createApp(db())
  const admin = await authHeaders(db(), 'admin')
  const user = await createUser(db(), 'planner')
  const assigned = await app.request(
    `/api/users/${user.id}/programme-areas`,
    json('PUT', { programmeAreaIds: [await areaId('demo:programme-area:gruenau-szp')] }, admin),
  )
  expect(assigned.status).toBe(200)
  expect(await assigned.json()).toMatchObject({ programmeAreas: [{ name: 'Grünau' }] })
  return { app, admin, user, headers: await tokenFor(user.id) }
}

const plot = (geometry: unknown) => ({ type: 'Feature', geometry, properties: { name: 'Testbrache' } })

describe('planners limited to programme areas', () => {
  it('refuses a plot in Lindenau to a planner limited to Grünau, naming Grünau, and changes nothing', async () => {
    const { app, headers } = await gruenauPlanner()
    const before = await tableChecksum(db(), 'plots')
    const response = await app.request('/api/collections/plots/items', json('POST', plot(lindenau), headers))
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await response.json()) as {
      type: string
      detail: string
      programmeAreas: { name: string }[]
    }
    expect(problem.type).toBe('urn:quartiersatlas:problem:outside-assigned-areas')
    expect(problem.detail).toContain('Grünau')
    expect(problem.programmeAreas.map((a) => a.name)).toEqual(['Grünau'])
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })

  it('lets the same planner draw in Grünau but not move the plot to Lindenau', async () => {
    const { app, headers } = await gruenauPlanner()
    const created = await app.request('/api/collections/plots/items', json('POST', plot(gruenau), headers))
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    const before = await tableChecksum(db(), 'plots')
    const moved = await app.request(
      `/api/collections/plots/items/${id}`,
      json('PUT', plot(lindenau), { ...headers, 'If-Match': created.headers.get('etag') ?? '' }),
    )
    expect(moved.status).toBe(403)
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })

  it('refuses changing or deleting a Lindenau demo plot, and restoring its history', async () => {
    const { app, headers } = await gruenauPlanner()
    const [garden] = await db().sql<{ id: number; version: number }[]>`
      select id, version from plots where external_id = 'demo:plot:josephstrasse-gardens'`
    if (!garden) throw new Error('demo plot missing')
    const etag = `"plots-${garden.id}-v${garden.version}"`
    const before = await tableChecksum(db(), 'plots')
    const patched = await app.request(
      `/api/collections/plots/items/${garden.id}`,
      json(
        'PATCH',
        { properties: { name: 'Umbenannt' } },
        { ...headers, 'If-Match': etag, 'Content-Type': 'application/merge-patch+json' },
      ),
    )
    expect(patched.status).toBe(403)
    const deleted = await app.request(`/api/collections/plots/items/${garden.id}`, {
      method: 'DELETE',
      headers: { ...headers, 'If-Match': etag },
    })
    expect(deleted.status).toBe(403)
    const restored = await app.request(
      `/api/collections/plots/items/${garden.id}/history/${garden.version}/restore`,
      {
        method: 'POST',
        headers: { ...headers, 'If-Match': etag },
      },
    )
    expect(restored.status).toBe(403)
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })

  it('lets planners without assignments and admins edit everywhere', async () => {
    const app = createApp(db())
    for (const role of ['planner', 'admin'] as const) {
      const response = await app.request(
        '/api/collections/plots/items',
        json('POST', plot(lindenau), await authHeaders(db(), role)),
      )
      expect(response.status).toBe(201)
    }
  })

  it('lifts the limit when an admin assigns no areas', async () => {
    const { app, admin, user, headers } = await gruenauPlanner()
    const cleared = await app.request(
      `/api/users/${user.id}/programme-areas`,
      json('PUT', { programmeAreaIds: [] }, admin),
    )
    expect(await cleared.json()).toMatchObject({ programmeAreas: [] })
    const response = await app.request('/api/collections/plots/items', json('POST', plot(lindenau), headers))
    expect(response.status).toBe(201)
  })
})

describe('PUT /api/users/{id}/programme-areas', () => {
  it('is for admins only and refuses unknown areas and non-planners, changing nothing', async () => {
    const app = createApp(db())
    const admin = await authHeaders(db(), 'admin')
    const planner = await createUser(db(), 'planner')
    const owner = await createUser(db(), 'owner')
    const area = await areaId('demo:programme-area:gruenau-szp')
    const [{ sum: before } = { sum: '' }] = await db().sql<{ sum: string }[]>`
      select count(*)::text as sum from planner_areas`
    const asPlanner = await app.request(
      `/api/users/${planner.id}/programme-areas`,
      json('PUT', { programmeAreaIds: [area] }, await tokenFor(planner.id)),
    )
    expect(asPlanner.status).toBe(403)
    const unknown = await app.request(
      `/api/users/${planner.id}/programme-areas`,
      json('PUT', { programmeAreaIds: [area, 999999] }, admin),
    )
    expect(unknown.status).toBe(422)
    const toOwner = await app.request(
      `/api/users/${owner.id}/programme-areas`,
      json('PUT', { programmeAreaIds: [area] }, admin),
    )
    expect(toOwner.status).toBe(422)
    const malformed = await app.request(
      `/api/users/${planner.id}/programme-areas`,
      json('PUT', { programmeAreaIds: 'Grünau' }, admin),
    )
    expect(malformed.status).toBe(422)
    const [{ sum: after } = { sum: '' }] = await db().sql<{ sum: string }[]>`
      select count(*)::text as sum from planner_areas`
    expect(after).toBe(before)
    const read = await app.request(`/api/users/${planner.id}/programme-areas`, { headers: admin })
    expect(await read.json()).toEqual({ userId: planner.id, programmeAreas: [] })
  })
})
