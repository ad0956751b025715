import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { accountTablesChecksum, authHeaders, createUser, sessionCookie } from './auth.testing.ts'

const db = useTestDatabase()

async function signedIn() {
  const app = createApp(db())
  const user = await createUser(db(), 'planner')
  return { app, cookie: await sessionCookie(app, user.email, user.password) }
}

function createToken(headers: Record<string, string>) {
  return createApp(db()).request('/api/auth/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'QGIS' }),
  })
}

describe('cross-site request protection', () => {
  it('refuses a cookie-authenticated POST from another origin and changes nothing', async () => {
    const { cookie } = await signedIn()
    const before = await accountTablesChecksum(db())
    const refused = await createToken({ Cookie: cookie, Origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(((await refused.json()) as { type: string }).type).toBe(
      'urn:quartiersatlas:problem:cross-site-request',
    )
    expect((await createToken({ Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await createToken({ Cookie: cookie })).status).toBe(403)
    expect(await accountTablesChecksum(db())).toBe(before)
  })

  it('accepts a cookie-authenticated POST with our Origin or Sec-Fetch-Site: same-origin', async () => {
    const { cookie } = await signedIn()
    expect((await createToken({ Cookie: cookie, Origin: 'http://localhost' })).status).toBe(201)
    expect((await createToken({ Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201)
  })

  it('compares the Origin with the Host the browser used', async () => {
    const { app, cookie } = await signedIn()
    const viaHost = await app.request('http://atlas.example:8080/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'http://atlas.example:8080' },
    })
    expect(viaHost.status).toBe(204)
  })

  it('exempts bearer-token requests, which browsers never send by themselves', async () => {
    const headers = await authHeaders(db(), 'planner')
    const response = await createApp(db()).request('/api/auth/tokens', {
      headers: { ...headers, Origin: 'https://elsewhere.example' },
    })
    expect(response.status).toBe(200)
    const logout = await createApp(db()).request('/api/auth/logout', {
      method: 'POST',
      headers: { ...headers, Origin: 'https://elsewhere.example' },
    })
    expect(logout.status).toBe(204)
  })

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const user = await createUser(db(), 'resident')
    const response = await createApp(db()).request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})
