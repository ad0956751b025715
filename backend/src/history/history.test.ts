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

const big = rectangle(12.334, 51.3355, 0.0012, 0.0006)
const small = rectangle(12.334, 51.3355, 0.0003, 0.0002)

/** Creates a plot and changes it once: version 1 large, version 2 small and renamed. */
async function plotWithTwoVersions() {
  const app = createApp(db())
  const who = await planner()
  const created = await app.request(
    '/api/collections/plots/items',
    json(
      'POST',
      {
        type: 'Feature',
        geometry: big,
        properties: { name: 'Gärten Josephstraße', internal_notes: 'Eigentümer fragen' },
      },
      who.headers,
    ),
  )
  expect(created.status).toBe(201)
  const id = ((await created.json()) as { id: number }).id
  const changed = await app.request(
    `/api/collections/plots/items/${id}`,
    json(
      'PATCH',
      { geometry: small, properties: { name: 'Restfläche Josephstraße' } },
      {
        ...who.headers,
        'Content-Type': 'application/merge-patch+json',
        'If-Match': created.headers.get('etag') ?? '',
      },
    ),
  )
  expect(changed.status).toBe(200)
  return { app, who, id, etag: changed.headers.get('etag') ?? '' }
}

type History = {
  versions: {
    version: number
    operation: string
    author: { name: string | null; email: string } | null
    feature: { geometry: { coordinates: number[][][][] }; properties: Record<string, unknown> }
  }[]
}

describe('history of a feature', () => {
  it('lists every saved version with who and what, authors only for editors', async () => {
    const { app, who, id } = await plotWithTwoVersions()
    const mine = (await (
      await app.request(`/api/collections/plots/items/${id}/history`, { headers: who.headers })
    ).json()) as History
    expect(mine.versions.map((v) => [v.version, v.operation])).toEqual([
      [1, 'insert'],
      [2, 'update'],
    ])
    expect(mine.versions[0]?.author).toEqual({ name: 'QM Lindenau (Test)', email: who.email })
    expect(mine.versions[0]?.feature.properties).toMatchObject({
      name: 'Gärten Josephstraße',
      internal_notes: 'Eigentümer fragen',
    })
    expect(mine.versions[1]?.feature.properties.name).toBe('Restfläche Josephstraße')
    const first = Number(mine.versions[0]?.feature.properties.area_m2)
    const second = Number(mine.versions[1]?.feature.properties.area_m2)
    expect(first).toBeGreaterThan(second * 10)

    const publicly = await app.request(`/api/collections/plots/items/${id}/history`)
    expect(publicly.status).toBe(200)
    const text = await publicly.text()
    expect(text).not.toContain(who.email)
    expect(text).not.toContain('QM Lindenau')
    expect(text).not.toContain('Eigentümer fragen')
    expect((JSON.parse(text) as History).versions.every((v) => v.author === null)).toBe(true)
  })

  it('answers 404 for a feature that never existed', async () => {
    const response = await createApp(db()).request('/api/collections/plots/items/999999/history')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('restoring a version', () => {
  it('writes the old version again as a new one and keeps every version', async () => {
    const { app, who, id, etag } = await plotWithTwoVersions()
    const restored = await app.request(`/api/collections/plots/items/${id}/history/1/restore`, {
      method: 'POST',
      headers: { ...who.headers, 'If-Match': etag },
    })
    expect(restored.status).toBe(200)
    expect(restored.headers.get('etag')).toBe(`"plots-${id}-v3"`)
    const feature = (await restored.json()) as { properties: Record<string, unknown> }
    expect(feature.properties.name).toBe('Gärten Josephstraße')
    const history = (await (
      await app.request(`/api/collections/plots/items/${id}/history`, { headers: who.headers })
    ).json()) as History
    expect(history.versions.map((v) => v.version)).toEqual([1, 2, 3])
    expect(history.versions[2]?.feature.properties.area_m2).toEqual(
      history.versions[0]?.feature.properties.area_m2,
    )
    expect(history.versions[2]?.author?.email).toBe(who.email)
  })

  it('refuses a stale ETag (412), a missing one (428) and anonymous callers (401), changing nothing', async () => {
    const { app, who, id } = await plotWithTwoVersions()
    const before = await tableChecksum(db(), 'plots')
    const path = `/api/collections/plots/items/${id}/history/1/restore`
    const stale = await app.request(path, {
      method: 'POST',
      headers: { ...who.headers, 'If-Match': `"plots-${id}-v1"` },
    })
    expect(stale.status).toBe(412)
    expect(stale.headers.get('etag')).toBe(`"plots-${id}-v2"`)
    const missing = await app.request(path, { method: 'POST', headers: who.headers })
    expect(missing.status).toBe(428)
    const anonymous = await app.request(path, { method: 'POST', headers: { 'If-Match': `"plots-${id}-v2"` } })
    expect(anonymous.status).toBe(401)
    const unknown = await app.request(`/api/collections/plots/items/${id}/history/9/restore`, {
      method: 'POST',
      headers: { ...who.headers, 'If-Match': `"plots-${id}-v2"` },
    })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ type: 'urn:quartiersatlas:problem:version-not-found' })
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })
})

describe('a layer as of a date', () => {
  it('shows the outline of the day asked for', async () => {
    const { app, id } = await plotWithTwoVersions()
    // The plot was drawn in 2019 and cut down in 2023.
    await db()
      .sql`update history set changed_at = '2019-06-01T10:00:00+02' where table_name = 'plots' and row_id = ${id} and version = 1`
    await db()
      .sql`update history set changed_at = '2023-03-15T10:00:00+01' where table_name = 'plots' and row_id = ${id} and version = 2`
    const at = async (date: string) => {
      const response = await app.request(`/api/asof/plots?date=${date}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        features: { id: number; version: number; properties: Record<string, unknown> }[]
      }
      return body.features.find((f) => f.id === id)
    }
    expect(await at('2019-05-31')).toBeUndefined()
    expect(await at('2019-06-01')).toMatchObject({ version: 1, properties: { name: 'Gärten Josephstraße' } })
    expect(await at('2023-03-14')).toMatchObject({ version: 1 })
    expect(await at('2023-03-15')).toMatchObject({
      version: 2,
      properties: { name: 'Restfläche Josephstraße' },
    })
    const old = await at('2020-01-01')
    expect(old?.properties).not.toHaveProperty('internal_notes')
  })

  it('leaves out features deleted by then', async () => {
    const { app, who, id, etag } = await plotWithTwoVersions()
    // The endpoint's day is Berlin's: between 23:00 and midnight UTC the UTC date is a day behind.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
    const deleted = await app.request(`/api/collections/plots/items/${id}`, {
      method: 'DELETE',
      headers: { ...who.headers, 'If-Match': etag },
    })
    expect(deleted.status).toBe(204)
    const body = (await (await app.request(`/api/asof/plots?date=${today}`)).json()) as {
      features: { id: number }[]
    }
    expect(body.features.map((f) => f.id)).not.toContain(id)
    expect(body.features.length).toBeGreaterThan(5)
  })

  it('refuses a missing or malformed date', async () => {
    const app = createApp(db())
    for (const query of ['', '?date=2024-13-01', '?date=yesterday']) {
      const response = await app.request(`/api/asof/plots${query}`)
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})
