import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { useTestDatabase } from '../test/test-database.ts'

// The browser's protections on every response, the CSP and no-cache on every page, and source
// maps only on request. That the CSP lets the real app run is proven by the browser tests, each
// of which fails on a CSP violation (frontend/test/browser-app.ts).

const db = useTestDatabase()
const dist = mkdtempSync(join(tmpdir(), 'quartiersatlas-dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Quartiersatlas</title>')
writeFileSync(
  join(dist, 'assets', 'main-abc123.js'),
  'console.log(1)\n//# sourceMappingURL=main-abc123.js.map',
)
writeFileSync(join(dist, 'assets', 'main-abc123.js.map'), '{"version":3,"sources":["main.tsx"]}')
afterAll(() => rmSync(dist, { recursive: true, force: true }))
const savedBasemap = process.env.BASEMAP_STYLE_URL
afterEach(() => {
  if (savedBasemap === undefined) delete process.env.BASEMAP_STYLE_URL
  else process.env.BASEMAP_STYLE_URL = savedBasemap
})

const everywhere = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
}

describe('security headers', () => {
  it('sends the CSP, nosniff, the referrer policy, no framing and no-cache with every page', async () => {
    const app = createApp(db(), { frontendDir: dist })
    for (const path of ['/', '/index.html', '/plots/17', '/api/docs']) {
      const response = await app.request(path)
      expect(response.status, path).toBe(200)
      expect(Object.fromEntries(response.headers)).toMatchObject({
        ...everywhere,
        'cache-control': 'no-cache',
      })
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("worker-src 'self' blob:")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).not.toContain('unsafe-eval')
    }
  })

  it('lets the configured basemap host in, and only it', async () => {
    process.env.BASEMAP_STYLE_URL =
      'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json'
    const response = await createApp(db(), { frontendDir: dist }).request('/')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("connect-src 'self' https://sgx.geodatenzentrum.de;")
    // Unset means basemap.de, the default; none lets no other host in.
    delete process.env.BASEMAP_STYLE_URL
    const byDefault = await createApp(db(), { frontendDir: dist }).request('/')
    expect(byDefault.headers.get('content-security-policy')).toContain(
      "connect-src 'self' https://sgx.geodatenzentrum.de;",
    )
    process.env.BASEMAP_STYLE_URL = 'none'
    const without = await createApp(db(), { frontendDir: dist }).request('/')
    expect(without.headers.get('content-security-policy')).toContain("connect-src 'self';")
  })

  it('protects API answers and assets too, refusals included', async () => {
    const app = createApp(db(), { frontendDir: dist })
    for (const path of ['/api/collections', '/api/no-such-thing', '/assets/main-abc123.js']) {
      const response = await app.request(path)
      expect(Object.fromEntries(response.headers), path).toMatchObject(everywhere)
    }
  })

  it('serves source maps only when asked to', async () => {
    const hidden = await createApp(db(), { frontendDir: dist }).request('/assets/main-abc123.js.map')
    expect(hidden.status).toBe(404)
    expect(hidden.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const served = await createApp(db(), { frontendDir: dist, serveSourceMaps: true }).request(
      '/assets/main-abc123.js.map',
    )
    expect(served.status).toBe(200)
    expect(await served.text()).toContain('main.tsx')
    expect(loadConfig({}).serveSourceMaps).toBe(false)
    expect(loadConfig({ SERVE_SOURCE_MAPS: 'true' }).serveSourceMaps).toBe(true)
    expect(() => loadConfig({ SERVE_SOURCE_MAPS: 'yes' })).toThrow(/SERVE_SOURCE_MAPS/)
  })
})
