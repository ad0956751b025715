import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { demoAccounts } from '../auth/demo-accounts.ts'
import type { Database } from '../db/database.ts'
import { square } from '../features/features.testing.ts'
import { type AppProcess, startAppProcess } from '../test/app-process.ts'
import { hasNginx, type Nginx, startNginx } from '../test/nginx.testing.ts'
import { openCopy } from '../test/template-database.ts'
import { tileAt } from './tile-coordinates.ts'
import { decodeTile } from './tile-testing.ts'

// The shipped front cache (deploy/nginx/) with Debian's nginx in front of a real app process:
// repeated tiles and public items are hits that never reach the app, a signed-in request is never
// cached, and a plot written through the API is in the tile nginx serves within 1 s.

const template = inject('template')
const installed = hasNginx()
if (!installed) console.warn('front-cache.test.ts skipped: nginx is not installed (apt-get install nginx)')

describe.skipIf(!installed)('nginx as the front cache', () => {
  let copy: (Database & { url?: string }) | undefined
  let dataDir: string | undefined
  let app: AppProcess
  let nginx: Nginx

  beforeAll(async () => {
    if (template.engine === 'postgresql') {
      copy = await openCopy(template)
      app = await startAppProcess({ DATABASE_URL: copy.url })
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'quartiersatlas-front-cache-'))
      cpSync(join(template.dir, 'template'), dataDir, { recursive: true })
      rmSync(join(dataDir, 'quartiersatlas.lock'), { force: true })
      app = await startAppProcess({ DATABASE_URL: '', DATA_DIR: dataDir })
    }
    nginx = await startNginx([new URL(app.origin).host])
  })

  afterAll(async () => {
    await nginx?.stop()
    await app?.stop()
    await copy?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const gzip = { 'Accept-Encoding': 'gzip' }

  /** Asks until nginx answers from its cache (an entry may expire at a second's end meanwhile). */
  async function untilHit(path: string, headers: Record<string, string> = gzip): Promise<Response> {
    for (;;) {
      const response = await fetch(`${nginx.origin}${path}`, { headers })
      await response.arrayBuffer()
      if (response.headers.get('x-cache-status') === 'HIT') return response
    }
  }

  it('serves a plot written through the API in the tile 1 s after the commit, and hits before', async () => {
    const lon = 12.3012
    const lat = 51.3512
    const { z, x, y } = tileAt(lon + 0.00025, lat + 0.00025, 14)
    const tilePath = `/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`
    const hit = await untilHit(tilePath)
    // The header is for nginx alone.
    expect(hit.headers.get('x-accel-expires')).toBeNull()
    expect(hit.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')

    const admin = demoAccounts.find((account) => account.role === 'admin')
    const login = await fetch(`${nginx.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: nginx.origin },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const written = await fetch(`${nginx.origin}/api/collections/plots/items`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', Origin: nginx.origin, Cookie: cookie },
      body: JSON.stringify({
        type: 'Feature',
        geometry: square(lon, lat),
        properties: { name: 'Brache am Rand (Test)' },
      }),
    })
    expect(written.status).toBe(201)
    const committedAt = performance.now()
    const id = Number((written.headers.get('location') ?? '').split('/').pop())

    // nginx may serve the old tile until the end of the second it stored it in, which began
    // before the commit: a request sent 1 s after the commit must get the new one. (The time a
    // request then takes under load is the app's rendering, not staleness.)
    const sentAfterMs = async () => {
      // Timers may fire a fraction of a millisecond early: wait until the second has passed.
      while (performance.now() - committedAt < 1000)
        await new Promise((resolve) => setTimeout(resolve, 1001 - (performance.now() - committedAt)))
      return performance.now() - committedAt
    }
    expect(await sentAfterMs()).toBeGreaterThanOrEqual(1000)
    const response = await fetch(`${nginx.origin}${tilePath}`, { headers: gzip })
    expect(response.status).toBe(200)
    const plots = decodeTile(new Uint8Array(await response.arrayBuffer())).get('plots') ?? []
    expect(plots.map((feature) => feature.id)).toContain(id)
  })

  it('keeps public items pages, and never what a signed-in user asks for', async () => {
    const path = '/api/collections/plots/items?limit=3'
    const hit = await untilHit(path, {})
    expect(hit.status).toBe(200)
    const admin = demoAccounts.find((account) => account.role === 'admin')
    const login = await fetch(`${nginx.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: nginx.origin },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const signedIn = await fetch(`${nginx.origin}${path}`, { headers: { Cookie: cookie } })
    expect(signedIn.headers.get('x-cache-status')).toBe('BYPASS')
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
    const again = await fetch(`${nginx.origin}${path}`, { headers: { Cookie: cookie } })
    expect(again.headers.get('x-cache-status')).toBe('BYPASS')
  })
})
