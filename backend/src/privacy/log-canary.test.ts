import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { plotFeature } from '../features/features.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { captureConsole } from './console-capture.testing.ts'

const db = useTestDatabase()

describe('log canary: personal data never reaches the logs', () => {
  it('logs a failed request with method, path, error class, code and stack, but not what the user sent', async () => {
    const app = createApp(db())
    const marker = `CANARY${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    // A route whose SQL fails on what a user sent, with an error (an exclusion violation: no
    // mapped status, so a 500) whose detail quotes the values; added after createApp, outside /api.
    app.post('/log-canary', async (c) => {
      const { name } = (await c.req.json()) as { name: string }
      await c.get('db').sql.begin(async (tx) => {
        await tx`create temp table log_canary (name text, exclude using btree (name with =)) on commit drop`
        await tx`insert into log_canary (name) values (${name}), (${name})`
      })
      return c.text('unreachable')
    })
    const captured = captureConsole()
    const response = await app.request('/log-canary', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `${marker} Musterstraße 1, ${marker.toLowerCase()}@example.org` }),
    })
    captured.restore()
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    const body = await response.text()
    expect(body).toContain('internal-error')
    expect(body).not.toContain(marker)
    const logged = captured.text()
    expect(logged).toContain('POST /log-canary failed')
    expect(logged).toContain('PostgresError')
    expect(logged).toContain('23P01')
    expect(logged).toMatch(/\n\s+at /)
    expect(logged.toLowerCase()).not.toContain(marker.toLowerCase())
  })

  it("keeps what users send out of PostgreSQL's own server log", async ({ skip }) => {
    // The server log of the PostgreSQL the tests use (Debian's path for the local 15/main cluster).
    const logFile = process.env.POSTGRES_LOG_FILE ?? '/var/log/postgresql/postgresql-15-main.log'
    if (db().engine !== 'postgresql') skip('the embedded database (PGlite) writes no server log')
    try {
      accessSync(logFile, constants.R_OK)
    } catch {
      skip(`${logFile} is not readable here; set POSTGRES_LOG_FILE to the server's log file`)
    }
    const start = statSync(logFile).size
    const marker = `CANARY${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    const app = createApp(db())
    const planner = await createUser(db(), 'planner')
    const owner = await createUser(db(), 'owner')
    const plannerAuth = `Bearer ${(await createApiToken(db().sql, planner.id, 'test')).token}`
    const ownerAuth = `Bearer ${(await createApiToken(db().sql, owner.id, 'test')).token}`
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', ...headers },
        body: JSON.stringify(body),
      })
    // Personal data next to a NUL, in each place PostgreSQL would otherwise quote it in an error.
    const nul = `${marker} Musterstraße 1\u0000`
    const email = `${marker.toLowerCase()}@example.org`
    const responses = [
      await post('/api/auth/register', {
        email,
        password: 'ein-langes-passwort',
        role: 'owner',
        display_name: nul,
      }),
      await post('/api/auth/register', {
        email,
        password: 'ein-langes-passwort',
        role: 'owner',
        organisation: nul,
      }),
      await post('/api/auth/login', { email: `${email}\u0000`, password: 'ein-langes-passwort' }),
      await post('/api/collections/plots/items', plotFeature({ name: nul, description: nul }), {
        Authorization: plannerAuth,
      }),
      await post(
        '/api/offers',
        { geometry: plotFeature().geometry, title: 'Brache', contact: { contact_name: nul } },
        { Authorization: ownerAuth },
      ),
      await app.request(`/api/search?q=${encodeURIComponent(nul)}`),
      await app.request(`/api/collections/plots/items?name=${encodeURIComponent(nul)}`),
    ]
    // Registering an address twice must not end in a unique violation (its DETAIL names the e-mail).
    const account = { email, password: 'ein-langes-passwort', role: 'resident' }
    responses.push(await post('/api/auth/register', account), await post('/api/auth/register', account))
    // A line of our own marks the end: once it is in the file, everything before it is too.
    const end = `log-canary-end-${Math.random().toString(36).slice(2)}`
    await db().sql.unsafe(`do $$ begin raise log '${end}'; end $$`)
    let written = ''
    while (!written.includes(end)) {
      written = readFileSync(logFile).subarray(start).toString('utf8')
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(written.toLowerCase()).not.toContain(marker.toLowerCase())
    for (const response of responses) expect(response.status).toBeLessThan(500)
  })
})
