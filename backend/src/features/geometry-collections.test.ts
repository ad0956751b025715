import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { square, tableChecksum } from './features.testing.ts'

// Measures mix points, lines and areas in one table; GIS clients type a layer by one geometry,
// so the API serves them as three collections of one type each.

const db = useTestDatabase()
const app = () => createApp(db())
const geojson = 'application/geo+json'

type Feature = { id: number; geometry: { type: string }; properties: Record<string, unknown> }
type Page = { features: Feature[]; numberMatched: number }

async function items(collection: string): Promise<Page> {
  const response = await app().request(`/api/collections/${collection}/items?limit=1000`)
  expect(response.status).toBe(200)
  return (await response.json()) as Page
}

async function plannerHeaders() {
  const user = await createUser(db(), 'planner')
  const { token } = await createApiToken(db().sql, user.id, 'test')
  return { Authorization: `Bearer ${token}`, 'Content-Type': geojson }
}

const parts = [
  { id: 'measures-points', type: 'Point', format: 'geometry-point', dimension: 0 },
  { id: 'measures-lines', type: 'MultiLineString', format: 'geometry-multilinestring', dimension: 1 },
  { id: 'measures-areas', type: 'MultiPolygon', format: 'geometry-multipolygon', dimension: 2 },
] as const

describe('one geometry type per collection', () => {
  it('lists measures as point, line and area collections, and no mixed collection', async () => {
    const body = (await (await app().request('/api/collections')).json()) as { collections: { id: string }[] }
    const ids = body.collections.map((collection) => collection.id)
    expect(ids).toEqual(expect.arrayContaining(parts.map((part) => part.id)))
    expect(ids).not.toContain('measures')
    for (const part of parts) {
      const schema = (await (await app().request(`/api/collections/${part.id}/schema`)).json()) as {
        properties: Record<string, { format?: string }>
      }
      expect(schema.properties.geometry?.format, part.id).toBe(part.format)
    }
  })

  it('serves each collection only its type, together every demo measure exactly once', async () => {
    const [total] = await db().sql<{ n: number }[]>`select count(*)::int as n from measures`
    expect(total?.n).toBe(10)
    const seen: number[] = []
    for (const part of parts) {
      const page = await items(part.id)
      const [row] = await db().sql<{ n: number }[]>`
        select count(*)::int as n from measures where st_dimension(geom) = ${part.dimension}::int`
      expect(page.numberMatched, part.id).toBe(row?.n)
      expect(page.features.length, part.id).toBeGreaterThan(0)
      expect(new Set(page.features.map((feature) => feature.geometry.type)), part.id).toEqual(
        new Set([part.type]),
      )
      seen.push(...page.features.map((feature) => feature.id))
    }
    expect(seen.sort((a, b) => a - b)).toEqual((await items('measures')).features.map((f) => f.id))
    const lines = await items('measures-lines')
    expect(lines.features[0]?.properties).toHaveProperty('length_m')
    expect(lines.features[0]?.properties).not.toHaveProperty('area_m2')
  })

  it('answers 404 for a feature of another type, on reads and writes', async () => {
    const [point] = await db().sql<{ id: number }[]>`
      select id from measures where st_dimension(geom) = 0 order by id limit 1`
    expect((await app().request(`/api/collections/measures-points/items/${point?.id}`)).status).toBe(200)
    expect((await app().request(`/api/collections/measures-lines/items/${point?.id}`)).status).toBe(404)
    const before = await tableChecksum(db(), 'measures')
    const response = await app().request(`/api/collections/measures-lines/items/${point?.id}`, {
      method: 'DELETE',
      headers: { ...(await plannerHeaders()), 'If-Match': `"measures-lines-${point?.id}-v1"` },
    })
    expect(response.status).toBe(404)
    expect(await tableChecksum(db(), 'measures')).toBe(before)
  })

  it('refuses a point written to the line collection with 422, and takes it in the point collection', async () => {
    const headers = await plannerHeaders()
    const point = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [12.33, 51.33] },
      properties: { name: 'Bank' },
    }
    const before = await tableChecksum(db(), 'measures')
    const wrong = await app().request('/api/collections/measures-lines/items', {
      method: 'POST',
      headers,
      body: JSON.stringify(point),
    })
    expect(wrong.status).toBe(422)
    expect(wrong.headers.get('content-type')).toContain('application/problem+json')
    expect(await tableChecksum(db(), 'measures')).toBe(before)

    const created = await app().request('/api/collections/measures-points/items', {
      method: 'POST',
      headers,
      body: JSON.stringify(point),
    })
    expect(created.status).toBe(201)
    const location = created.headers.get('location') as string
    expect(location).toMatch(/\/api\/collections\/measures-points\/items\/\d+$/)
    const id = Number(location.split('/').pop())
    expect(created.headers.get('etag')).toBe(`"measures-points-${id}-v1"`)
    // The web map reads all measures together.
    expect((await items('measures')).features.map((f) => f.id)).toContain(id)

    const area = { type: 'Feature', geometry: square(), properties: { name: 'Platz' } }
    const stored = await app().request('/api/collections/measures-areas/items', {
      method: 'POST',
      headers,
      body: JSON.stringify(area),
    })
    expect(stored.status).toBe(201)
    expect(((await stored.json()) as Feature).geometry.type).toBe('MultiPolygon')
  })

  it('has no tiles of its own: the measures layer in the tiles holds every type', async () => {
    expect((await app().request('/api/collections/measures-points/tiles/WebMercatorQuad')).status).toBe(404)
    expect((await app().request('/api/collections/measures/tiles/WebMercatorQuad')).status).toBe(200)
  })
})
