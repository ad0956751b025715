import { describe, expect, it } from 'vitest'
import { createAdminApp } from '../admin/admin-app.ts'
import { createApp } from '../app.ts'
import { captureConsole } from '../privacy/console-capture.testing.ts'
import { listenOnLoopback } from '../server.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { josephstrasse } from '../tiles/tile-testing.ts'
import { createMetrics } from './metrics.ts'

const db = useTestDatabase()

/** The value of one sample in Prometheus text, 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const escaped = `${name}${labels ? `{${labels}}` : ''}`.replace(/[{}.+?()[\]\\]/g, '\\$&')
  const match = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text)
  return match ? Number(match[1]) : 0
}

const adminToken = 'a'.repeat(16) + 'b'.repeat(16)

describe('the admin listener', () => {
  it('answers /metrics and /backup only with its token: 401 without it or with another', async () => {
    const admin = createAdminApp(db(), adminToken, createMetrics(db()))
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${'c'.repeat(32)}` },
      { Authorization: adminToken },
    ]
    for (const path of ['/metrics', '/backup']) {
      for (const headers of attempts) {
        const response = await admin.request(path, { headers })
        expect(response.status).toBe(401)
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /)
      }
    }
    const allowed = await admin.request('/metrics', { headers: { Authorization: `Bearer ${adminToken}` } })
    expect(allowed.status).toBe(200)
  })
})

describe('/metrics and request logs', () => {
  it('counts requests per route group, tile cache use, the pool and the outbox; logs one JSON line per request', async () => {
    const metrics = createMetrics(db())
    const app = createApp(db(), { metrics, logFormat: 'json' })
    const admin = createAdminApp(db(), adminToken, metrics)
    const scrape = async () => {
      const response = await admin.request('/metrics', { headers: { Authorization: `Bearer ${adminToken}` } })
      expect(response.headers.get('content-type')).toContain('text/plain')
      return response.text()
    }
    const before = await scrape()
    await db().sql`
      insert into outbox (recipient, kind, subject, body, created_at)
      values ('waiting@example.org', 'offer.accepted', 'Flächenangebot', 'Text', now() - interval '1 hour')`

    const logs = captureConsole()
    const server = await listenOnLoopback(app)
    const tile = `${server.origin}/api/collections/plots/tiles/WebMercatorQuad/${josephstrasse.z}/${josephstrasse.y}/${josephstrasse.x}`
    const get = (url: string) => fetch(url, { headers: { 'Accept-Encoding': 'gzip' } })
    expect((await get(`${server.origin}/api/health`)).status).toBe(200)
    expect((await get(`${server.origin}/api/health`)).status).toBe(200)
    expect((await get(`${server.origin}/api/search?q=erika.beispiel%40example.org`)).status).toBe(200)
    expect((await get(`${server.origin}/api/no-such-thing`)).status).toBe(404)
    expect((await get(tile)).status).toBe(200)
    // The second time the listener answers from the cache, before the app.
    expect((await get(tile)).status).toBe(200)
    await server.close()
    logs.restore()
    const after = await scrape()

    const moved = (name: string, labels = '') => sample(after, name, labels) - sample(before, name, labels)
    expect(moved('quartiersatlas_http_requests_total', 'group="health",method="GET",status="200"')).toBe(2)
    expect(moved('quartiersatlas_http_requests_total', 'group="search",method="GET",status="200"')).toBe(1)
    expect(moved('quartiersatlas_http_requests_total', 'group="api",method="GET",status="404"')).toBe(1)
    expect(moved('quartiersatlas_http_requests_total', 'group="tiles",method="GET",status="200"')).toBe(2)
    expect(moved('quartiersatlas_http_request_duration_seconds_count', 'group="health"')).toBe(2)
    expect(moved('quartiersatlas_http_request_duration_seconds_bucket', 'le="+Inf",group="tiles"')).toBe(2)
    expect(moved('quartiersatlas_tile_cache_misses_total')).toBe(1)
    expect(moved('quartiersatlas_tile_cache_hits_total')).toBe(1)
    expect(sample(after, 'quartiersatlas_tile_cache_bytes')).toBeGreaterThan(0)
    expect(sample(after, 'quartiersatlas_db_up')).toBe(1)
    expect(sample(after, 'quartiersatlas_db_pool_max')).toBeGreaterThanOrEqual(1)
    expect(sample(after, 'quartiersatlas_outbox_backlog')).toBeGreaterThanOrEqual(1)
    expect(sample(after, 'quartiersatlas_outbox_oldest_unsent_seconds')).toBeGreaterThanOrEqual(3600)

    const lines = logs
      .text()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(6)
    for (const line of lines)
      expect(Object.keys(line).sort()).toEqual([
        'duration_ms',
        'level',
        'method',
        'msg',
        'route',
        'status',
        'time',
      ])
    expect(lines.map((line) => [line.route, line.status])).toEqual([
      ['/api/health', 200],
      ['/api/health', 200],
      ['/api/search', 200],
      ['/api/*', 404],
      ['/api/collections/:collectionId/tiles/WebMercatorQuad/:z/:y/:x', 200],
      ['/api/collections/:collectionId/tiles/WebMercatorQuad/:z/:y/:x', 200],
    ])
    expect(logs.text()).not.toContain('erika')
  })

  it('serves /metrics only on the admin app, not on the public one', async () => {
    const app = createApp(db(), { metrics: createMetrics(db()) })
    expect((await app.request('/metrics')).status).toBe(404)
  })
})
