import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { plotFeature } from '../features/features.testing.ts'
import type { AppEnv } from '../http/app-types.ts'
import { type ProxyMode, startTcpProxy, type TcpProxy } from '../test/tcp-proxy.ts'
import { openCopy } from '../test/template-database.ts'
import { type Database, openDatabase } from './database.ts'
import { servingLimits } from './sql-client.ts'

// PostgreSQL stopped or hung while the app serves: every request answers 503 with Retry-After
// within 2 s, health says why, and the app recovers by itself. A proxy between the app and the
// server plays the outage, so the shared server keeps running.

const template = inject('template')

describe.skipIf(template.engine !== 'postgresql')('the database is away', () => {
  let copy: Database & { url?: string }
  let proxy: TcpProxy
  let db: Database
  let app: Hono<AppEnv>
  let user: { email: string; password: string }
  let bearer: Record<string, string>

  beforeAll(async () => {
    copy = await openCopy(template)
    const target = new URL(copy.url ?? '')
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const proxied = new URL(target)
    proxied.port = String(proxy.port)
    db = await openDatabase({ databaseUrl: proxied.toString(), dataDir: '' }, () => {}, {
      limits: servingLimits,
    })
    app = createApp(db)
    user = await createUser(copy, 'admin')
    const { token } = await createApiToken(copy.sql, (await createUser(copy, 'admin')).id, 'outage')
    bearer = { Authorization: `Bearer ${token}` }
  })

  afterAll(async () => {
    await proxy?.setMode('pass')
    await db?.close()
    await proxy?.close()
    await copy?.close()
  })

  const requests = (): [string, RequestInit?][] => [
    ['/api/health'],
    ['/api/collections/plots/items?limit=5'],
    ['/api/search?q=Lindenau'],
    [
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      },
    ],
    [
      '/api/collections/plots/items',
      {
        method: 'POST',
        headers: { ...bearer, 'Content-Type': 'application/geo+json' },
        body: JSON.stringify(plotFeature({ name: 'during the outage' })),
      },
    ],
    ['/api/ready'],
  ]

  it('limits every session: statements, lock waits and idle transactions', async () => {
    const [limits] = await db.sql<{ statement: string; lock: string; idle: string }[]>`
      select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
             current_setting('idle_in_transaction_session_timeout') as idle`
    expect(limits).toEqual({ statement: '5s', lock: '1s', idle: '10s' })
  })

  async function duringOutage(mode: ProxyMode, reason: RegExp) {
    // Every pooled connection is open and idle when the outage begins.
    await Promise.all(requests().map(([path, init]) => app.request(path, init)))
    await proxy.setMode(mode)
    const answers = await Promise.all(
      requests().map(async ([path, init]) => {
        const started = performance.now()
        const response = await app.request(path, init)
        return { path, response, ms: performance.now() - started, body: await response.json() }
      }),
    )
    for (const { path, response, ms } of answers) {
      expect({ path, status: response.status }).toEqual({ path, status: 503 })
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      expect(response.headers.get('retry-after')).toBe('5')
      expect(ms, path).toBeLessThan(2000)
    }
    expect(answers[0]?.body).toMatchObject({
      type: 'urn:quartiersatlas:problem:database-unavailable',
      database: { status: 'unavailable', reason: expect.stringMatching(reason) },
    })
    await proxy.setMode('pass')
    await untilHealthy()
    expect((await app.request('/api/ready')).status).toBe(200)
    const write = requests()[4] as [string, RequestInit]
    expect((await app.request(...write)).status).toBe(201)
  }

  async function untilHealthy() {
    while ((await app.request('/api/health')).status !== 200);
  }

  it('a hung server: 503 within 2 s, health says it does not answer, then recovery', async () => {
    await duringOutage('stall', /did not answer/)
  })

  it('a stopped server: 503 within 2 s, health says it refuses connections, then recovery', async () => {
    await duringOutage('refuse', /refuses connections/)
  })
})
