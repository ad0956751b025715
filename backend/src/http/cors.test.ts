import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser, sessionCookie } from '../auth/auth.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { tileReply } from '../tiles/tile-headers.ts'

// Other web maps embed the public features and tiles (CORS with *, no credentials); a
// cross-origin request is answered as anonymous even with a planner's session cookie; writes
// and private resources stay same-origin.

const db = useTestDatabase()
const origin = 'https://masterportal.stadt.example'

describe('CORS for public reads', () => {
  it('answers GET and HEAD of the public resources with ACAO * and no credentials', async () => {
    const app = createApp(db())
    const [plot] = await db().sql<{ id: number }[]>`select id from plots order by id limit 1`
    const paths = [
      '/api',
      '/api/conformance',
      '/api/collections',
      '/api/collections/plots',
      '/api/collections/plots/queryables',
      '/api/collections/plots/items?limit=2',
      `/api/collections/plots/items/${plot?.id}`,
      '/api/tiles',
      '/api/tiles/WebMercatorQuad/tilejson.json',
      '/api/collections/plots/tiles/WebMercatorQuad',
      '/api/tiles/WebMercatorQuad/14/5461/8752',
      '/api/tileMatrixSets/WebMercatorQuad',
    ]
    for (const path of paths) {
      // HEAD on a few: it answers through the same routes as GET.
      for (const method of path.endsWith('/api') || path.includes('tilejson') ? ['GET', 'HEAD'] : ['GET']) {
        const response = await app.request(path, { method, headers: { Origin: origin } })
        expect(response.status, `${method} ${path}`).toBeLessThan(300)
        expect(response.headers.get('access-control-allow-origin'), `${method} ${path}`).toBe('*')
        expect(response.headers.get('access-control-allow-credentials')).toBeNull()
        if (!path.includes('/WebMercatorQuad/14/'))
          expect(response.headers.get('vary') ?? '', path).toMatch(/Origin/)
      }
    }
    const items = await app.request('/api/collections/plots/items?limit=1', { headers: { Origin: origin } })
    expect(items.headers.get('access-control-expose-headers')).toMatch(/ETag/)
  })

  it('answers the preflight of a read, not of a write', async () => {
    const app = createApp(db())
    const preflight = (path: string, method: string) =>
      app.request(path, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': method },
      })
    const read = await preflight('/api/collections/plots/items', 'GET')
    expect(read.status).toBe(204)
    expect(read.headers.get('access-control-allow-origin')).toBe('*')
    expect(read.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS')
    expect(read.headers.get('access-control-allow-credentials')).toBeNull()
    for (const [path, method] of [
      ['/api/collections/plots/items', 'POST'],
      ['/api/collections/plots/items/1', 'PATCH'],
      ['/api/collections/plots/items/1', 'DELETE'],
      ['/api/auth/login', 'POST'],
      ['/api/offers', 'GET'],
    ] as const) {
      const response = await preflight(path, method)
      expect(response.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull()
    }
  })

  it('gives private resources and writes no CORS headers', async () => {
    const app = createApp(db())
    const [plot] = await db().sql<{ id: number }[]>`select id from plots order by id limit 1`
    for (const path of [
      '/api/auth/me',
      '/api/auth/tokens',
      '/api/users',
      '/api/offers',
      '/api/agreements',
      '/api/notifications',
      '/api/me/data',
      '/api/privacy/audit',
      `/api/collections/plots/items/${plot?.id}/history`,
      '/api/collections/plots/deleted',
      '/api/search?q=Garten',
    ]) {
      const response = await app.request(path, { headers: { Origin: origin } })
      expect(response.headers.get('access-control-allow-origin'), path).toBeNull()
    }
    const write = await app.request('/api/collections/plots/items', {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/geo+json' },
      body: '{}',
    })
    expect(write.status).toBeGreaterThanOrEqual(400)
    expect(write.headers.get('access-control-allow-origin')).toBeNull()
  })

  it("answers a cross-origin read with a planner's session cookie as to an anonymous visitor", async () => {
    const app = createApp(db())
    const planner = await createUser(db(), 'planner')
    const cookie = await sessionCookie(app, planner.email, planner.password)
    const [plot] = await db().sql<{ id: number }[]>`
      update plots set internal_notes = 'Eigentümer verhandelt (intern)'
       where id = (select min(id) from plots) returning id`
    const path = `/api/collections/plots/items/${plot?.id}`
    const sameOrigin = await app.request(path, { headers: { Cookie: cookie } })
    expect(((await sameOrigin.json()) as { properties: object }).properties).toHaveProperty('internal_notes')
    const crossOrigin = await app.request(path, { headers: { Cookie: cookie, Origin: origin } })
    expect(crossOrigin.status).toBe(200)
    expect(crossOrigin.headers.get('access-control-allow-origin')).toBe('*')
    const text = await crossOrigin.text()
    expect(text).not.toContain('internal_notes')
    expect(text).not.toContain('verhandelt')
    expect(crossOrigin.headers.get('cache-control') ?? '').not.toMatch(/private/)
    const list = await app.request('/api/collections/plots/items?limit=1000', {
      headers: { Cookie: cookie, Origin: origin },
    })
    expect(await list.text()).not.toContain('internal_notes')
  })

  it('sends the CORS headers with tiles also when the listener answers from the cache', () => {
    const entry = { hash: 'abc', gzip: new Uint8Array([1]) } as Parameters<typeof tileReply>[0]
    const reply = tileReply(entry, 'gzip', undefined)
    expect(reply.headers['Access-Control-Allow-Origin']).toBe('*')
    expect(reply.headers['Cross-Origin-Resource-Policy']).toBe('cross-origin')
    expect(reply.headers['Access-Control-Allow-Credentials']).toBeUndefined()
  })
})
