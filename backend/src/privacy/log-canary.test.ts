import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
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
})
