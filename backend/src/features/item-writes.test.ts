import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders, createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { LayerEvents } from '../layers/layer-events.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { plotFeature, square, tableChecksum } from './features.testing.ts'

const db = useTestDatabase()

const geojson = 'application/geo+json'
const mergePatch = 'application/merge-patch+json'

async function planner() {
  const user = await createUser(db(), 'planner')
  const { token } = await createApiToken(db().sql, user.id, 'test')
  return { id: user.id, headers: { Authorization: `Bearer ${token}` } }
}

async function create(headers: Record<string, string>, feature: unknown = plotFeature()) {
  return createApp(db()).request('/api/collections/plots/items', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': geojson },
    body: JSON.stringify(feature),
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('who may write', () => {
  it('refuses anonymous writes with 401 and WWW-Authenticate, a resident with 403', async () => {
    const before = await tableChecksum(db(), 'plots')
    const anonymous = await create({})
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer')
    const resident = await create(await authHeaders(db(), 'resident'))
    expect(resident.status).toBe(403)
    expect(resident.headers.get('content-type')).toContain('application/problem+json')
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })

  it('lets a planner create: 201, Location, ETag, history names the author, the change is announced', async () => {
    const announce = vi.spyOn(LayerEvents.prototype, 'announce')
    const { id: userId, headers } = await planner()
    const response = await create(
      headers,
      plotFeature({ status: 'offered', internal_notes: 'Eigentümer angefragt' }),
    )
    expect(response.status).toBe(201)
    const location = response.headers.get('location') as string
    const id = Number(location.split('/').pop())
    expect(location).toBe(`http://localhost/api/collections/plots/items/${id}`)
    expect(response.headers.get('etag')).toBe(`"plots-${id}-v1"`)
    const feature = (await response.json()) as { properties: Record<string, unknown> }
    expect(feature.properties).toMatchObject({
      name: 'Testbrache',
      status: 'offered',
      internal_notes: 'Eigentümer angefragt',
    })
    expect(feature.properties.area_m2).toBeGreaterThan(1000)
    const [history] = await db().sql<{ changed_by: number }[]>`
      select changed_by from history where table_name = 'plots' and row_id = ${id} and operation = 'insert'`
    expect(history?.changed_by).toBe(userId)
    expect(announce).toHaveBeenCalledWith(
      expect.objectContaining({
        featureId: id,
        before: null,
        after: [12.33, 51.33, 12.33 + 0.0005, 51.33 + 0.0005],
      }),
    )
    const fetched = await createApp(db()).request(location)
    expect(fetched.status).toBe(200)
  })

  it('answers OPTIONS with the methods the caller may use', async () => {
    const app = createApp(db())
    const allow = async (path: string, headers: Record<string, string> = {}) =>
      (await app.request(path, { method: 'OPTIONS', headers })).headers.get('allow')
    expect(await allow('/api/collections/plots/items')).toBe('GET, HEAD, OPTIONS')
    expect(await allow('/api/collections/plots/items', await authHeaders(db(), 'owner'))).toBe(
      'GET, HEAD, OPTIONS',
    )
    const { headers } = await planner()
    expect(await allow('/api/collections/plots/items', headers)).toBe('GET, HEAD, OPTIONS, POST')
    expect(await allow('/api/collections/plots/items/1', headers)).toBe(
      'GET, HEAD, OPTIONS, PUT, PATCH, DELETE',
    )
    expect(await allow('/api/collections/districts/items/1', headers)).toBe('GET, HEAD, OPTIONS')
  })

  it('refuses writes to read-only collections with 405 and Allow', async () => {
    const { headers } = await planner()
    const response = await createApp(db()).request('/api/collections/interim-uses/items', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': geojson },
      body: JSON.stringify(plotFeature()),
    })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('refuses a create with an external_id that exists with 409 instead of overwriting', async () => {
    const { headers } = await planner()
    const [row] = await db().sql<
      { external_id: string }[]
    >`select external_id from plots where external_id is not null limit 1`
    const before = await tableChecksum(db(), 'plots')
    const response = await create(headers, plotFeature({ external_id: row?.external_id }))
    expect(response.status).toBe(409)
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })
})

describe('optimistic locking', () => {
  async function newPlot() {
    const { headers } = await planner()
    const response = await create(headers, plotFeature({ description: 'vorher', status: 'offered' }))
    const id = Number(response.headers.get('location')?.split('/').pop())
    return {
      headers,
      id,
      etag: response.headers.get('etag') as string,
      url: `/api/collections/plots/items/${id}`,
    }
  }

  const patch = (url: string, headers: Record<string, string>, body: unknown) =>
    createApp(db()).request(url, {
      method: 'PATCH',
      headers: { ...headers, 'Content-Type': mergePatch },
      body: JSON.stringify(body),
    })

  it('needs If-Match (428), refuses a stale one (412, unchanged) and accepts the current one with a new ETag', async () => {
    const { headers, url, etag } = await newPlot()
    const before = await tableChecksum(db(), 'plots')
    const missing = await patch(url, headers, { properties: { name: 'neu' } })
    expect(missing.status).toBe(428)
    const ok = await patch(url, { ...headers, 'If-Match': etag }, { properties: { name: 'neu' } })
    expect(ok.status).toBe(200)
    const newTag = ok.headers.get('etag') as string
    expect(newTag).not.toBe(etag)
    expect(newTag).toMatch(/-v2"$/)
    const afterOk = await tableChecksum(db(), 'plots')
    expect(afterOk).not.toBe(before)
    const stale = await patch(url, { ...headers, 'If-Match': etag }, { properties: { name: 'alt' } })
    expect(stale.status).toBe(412)
    expect(stale.headers.get('etag')).toBe(newTag)
    expect(await tableChecksum(db(), 'plots')).toBe(afterOk)
  })

  it('lets exactly one of 20 concurrent writers with the same ETag win; 19 get 412', async () => {
    const { headers, url, etag } = await newPlot()
    const app = createApp(db())
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.request(url, {
          method: 'PATCH',
          headers: { ...headers, 'If-Match': etag, 'Content-Type': mergePatch },
          body: JSON.stringify({ properties: { name: `Schreiber ${i}` } }),
        }),
      ),
    )
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 412)).toHaveLength(19)
    const id = Number(url.split('/').pop())
    const [row] = await db().sql<{ version: number }[]>`select version from plots where id = ${id}`
    expect(row?.version).toBe(2)
  })

  it('merge-patches by RFC 7396: null resets a property, absent ones stay', async () => {
    const { headers, url, etag } = await newPlot()
    const response = await patch(
      url,
      { ...headers, 'If-Match': etag },
      { properties: { description: null, status: null, flur: '7' } },
    )
    expect(response.status).toBe(200)
    const feature = (await response.json()) as { properties: Record<string, unknown> }
    expect(feature.properties).toMatchObject({
      name: 'Testbrache',
      description: null,
      status: 'fallow',
      flur: '7',
    })
  })

  it('replaces with PUT: properties left out go back to their defaults, the geometry changes', async () => {
    const announce = vi.spyOn(LayerEvents.prototype, 'announce')
    const { headers, url, etag, id } = await newPlot()
    const response = await createApp(db()).request(url, {
      method: 'PUT',
      headers: { ...headers, 'If-Match': etag, 'Content-Type': geojson },
      body: JSON.stringify(plotFeature({ name: 'Ersetzt' }, square(12.4, 51.3))),
    })
    expect(response.status).toBe(200)
    const feature = (await response.json()) as { properties: Record<string, unknown> }
    expect(feature.properties).toMatchObject({ name: 'Ersetzt', description: null, status: 'fallow' })
    expect(announce).toHaveBeenLastCalledWith(
      expect.objectContaining({
        featureId: id,
        before: [12.33, 51.33, 12.33 + 0.0005, 51.33 + 0.0005],
        after: [12.4, 51.3, 12.4 + 0.0005, 51.3 + 0.0005],
      }),
    )
  })

  it('deletes with the current ETag (204, then 404) and refuses a stale delete with 412', async () => {
    const { headers, url, etag } = await newPlot()
    const app = createApp(db())
    const changed = await patch(url, { ...headers, 'If-Match': etag }, { properties: { flur: '2' } })
    const stale = await app.request(url, { method: 'DELETE', headers: { ...headers, 'If-Match': etag } })
    expect(stale.status).toBe(412)
    const deleted = await app.request(url, {
      method: 'DELETE',
      headers: { ...headers, 'If-Match': changed.headers.get('etag') as string },
    })
    expect(deleted.status).toBe(204)
    expect((await app.request(url)).status).toBe(404)
    const again = await app.request(url, { method: 'DELETE', headers: { ...headers, 'If-Match': etag } })
    expect(again.status).toBe(404)
  })

  it('accepts geometry in EPSG:25833 (Content-Crs) and stores it in WGS 84', async () => {
    const { headers } = await planner()
    const [origin] = await db().sql<{ x: number; y: number }[]>`
      select st_x(p) x, st_y(p) y from (select st_transform(st_setsrid(st_point(12.33, 51.33), 4326), 25833) p) s`
    const x = origin?.x as number
    const y = origin?.y as number
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 50, y],
          [x + 50, y + 50],
          [x, y + 50],
          [x, y],
        ],
      ],
    }
    const response = await createApp(db()).request('/api/collections/plots/items', {
      method: 'POST',
      headers: {
        ...headers,
        'Content-Type': geojson,
        'Content-Crs': '<http://www.opengis.net/def/crs/EPSG/0/25833>',
      },
      body: JSON.stringify(plotFeature({}, polygon)),
    })
    expect(response.status).toBe(201)
    const feature = (await response.json()) as {
      geometry: { coordinates: number[][][][] }
      properties: { area_m2: number }
    }
    const [lon, lat] = (feature.geometry.coordinates[0]?.[0]?.[0] ?? []) as number[]
    expect(lon).toBeCloseTo(12.33, 6)
    expect(lat).toBeCloseTo(51.33, 6)
    expect(feature.properties.area_m2).toBeCloseTo(2500, 0)
  })
})
