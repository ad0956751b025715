import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { authHeaders, createUser, sessionCookie } from './auth.testing.ts'

const db = useTestDatabase()
const json = { 'Content-Type': 'application/json', Origin: 'http://localhost' }

async function login(email: string, password: string, headers: Record<string, string> = {}) {
  return createApp(db()).request('/api/auth/login', {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify({ email, password }),
  })
}

describe('sign-in', () => {
  it('signs in, answers the user, and /me knows them until sign-out', async () => {
    const app = createApp(db())
    const user = await createUser(db(), 'planner', { display_name: 'Planung Test' })
    const response = await login(user.email.toUpperCase(), user.password)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      id: user.id,
      email: user.email,
      role: 'planner',
      display_name: 'Planung Test',
      party_id: null,
    })
    const cookie = await sessionCookie(app, user.email, user.password)
    const me = await app.request('/api/auth/me', { headers: { Cookie: cookie } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ id: user.id, role: 'planner' })

    const logout = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { ...json, Cookie: cookie },
    })
    expect(logout.status).toBe(204)
    expect(logout.headers.get('set-cookie')).toMatch(/qa_session=;.*Max-Age=0/)
    const after = await app.request('/api/auth/me', { headers: { Cookie: cookie } })
    expect(after.status).toBe(401)
  })

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, and Secure only over https', async () => {
    const user = await createUser(db(), 'resident')
    const plain = (await login(user.email, user.password)).headers.get('set-cookie') ?? ''
    expect(plain).toMatch(/^qa_session=[\w-]{43};/)
    expect(plain).toMatch(/HttpOnly/)
    expect(plain).toMatch(/SameSite=Lax/)
    expect(plain).toMatch(/Path=\//)
    expect(plain).not.toMatch(/Secure/)
    const secure = await createApp(db()).request('https://atlas.example/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://atlas.example' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })
    expect(secure.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const user = await createUser(db(), 'owner')
    const wrong = await login(user.email, 'not-the-password')
    const unknown = await login('nobody@example.org', 'not-the-password')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('answers /me for anonymous callers with 401 and WWW-Authenticate', async () => {
    const response = await createApp(db()).request('/api/auth/me')
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/)
    expect(((await response.json()) as { type: string }).type).toBe(
      'urn:quartiersatlas:problem:unauthenticated',
    )
  })

  it('knows a bearer token user and refuses an unknown token with 401', async () => {
    const app = createApp(db())
    const me = await app.request('/api/auth/me', { headers: await authHeaders(db(), 'admin') })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { role: string }).role).toBe('admin')
    const bad = await app.request('/api/auth/me', { headers: { Authorization: 'Bearer qa_nonsense' } })
    expect(bad.status).toBe(401)
    expect(bad.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
  })
})
