import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { accountTablesChecksum, authHeaders, createUser, sessionCookie } from './auth.testing.ts'

const db = useTestDatabase()
const same = { Origin: 'http://localhost' }

async function signedIn() {
  const app = createApp(db())
  const user = await createUser(db(), 'planner')
  return { app, user, cookie: await sessionCookie(app, user.email, user.password) }
}

describe('personal API tokens', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const { app, cookie } = await signedIn()
    const created = await app.request('/api/auth/tokens', {
      method: 'POST',
      headers: { ...same, Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'QGIS Arbeitsplatz' }),
    })
    expect(created.status).toBe(201)
    const { id, name, token } = (await created.json()) as { id: number; name: string; token: string }
    expect(name).toBe('QGIS Arbeitsplatz')
    expect(token).toMatch(/^qa_[\w-]{43}$/)

    const bearer = { Authorization: `Bearer ${token}` }
    expect((await app.request('/api/auth/me', { headers: bearer })).status).toBe(200)

    const listed = await app.request('/api/auth/tokens', { headers: { Cookie: cookie } })
    const text = await listed.text()
    expect(text).not.toContain(token)
    expect(text).not.toContain(token.slice(3, 20))
    expect(JSON.parse(text)).toEqual([
      expect.objectContaining({ id, name: 'QGIS Arbeitsplatz', revoked_at: null }),
    ])
    const [stored] = await db().sql<
      { token_hash: string }[]
    >`select token_hash from api_tokens where id = ${id}`
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored?.token_hash).not.toContain(token)

    const revoked = await app.request(`/api/auth/tokens/${id}`, {
      method: 'DELETE',
      headers: { ...same, Cookie: cookie },
    })
    expect(revoked.status).toBe(204)
    const refused = await app.request('/api/auth/me', { headers: bearer })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(((await refused.json()) as { type: string }).type).toBe('urn:quartiersatlas:problem:invalid-token')
  })

  it("cannot revoke someone else's token", async () => {
    const mine = await signedIn()
    const theirs = await authHeaders(db(), 'planner')
    const [other] = await db().sql<{ id: number }[]>`select max(id)::int as id from api_tokens`
    const before = await accountTablesChecksum(db())
    const response = await mine.app.request(`/api/auth/tokens/${other?.id}`, {
      method: 'DELETE',
      headers: { ...same, Cookie: mine.cookie },
    })
    expect(response.status).toBe(404)
    expect(await accountTablesChecksum(db())).toBe(before)
    expect((await mine.app.request('/api/auth/me', { headers: theirs })).status).toBe(200)
  })

  it('refuses anonymous callers, token-minted tokens and nameless tokens', async () => {
    const app = createApp(db())
    const post = (headers: Record<string, string>, body: unknown) =>
      app.request('/api/auth/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    const tokenHeaders = await authHeaders(db(), 'planner')
    const { cookie } = await signedIn()
    const before = await accountTablesChecksum(db())
    const anonymous = await post({}, { name: 'x' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toMatch(/Bearer/)
    expect((await post(tokenHeaders, { name: 'x' })).status).toBe(403)
    expect((await post({ ...same, Cookie: cookie }, { name: '  ' })).status).toBe(422)
    expect((await post({ ...same, Cookie: cookie }, { name: 'x', extra: 1 })).status).toBe(422)
    expect(await accountTablesChecksum(db())).toBe(before)
  })

  it("refuses an empty bearer header and a disabled owner's token with 401, and ignores other schemes", async () => {
    const app = createApp(db())
    const malformed = await app.request('/api/auth/me', { headers: { Authorization: 'Bearer' } })
    expect(malformed.status).toBe(401)
    expect(((await malformed.json()) as { type: string }).type).toBe(
      'urn:quartiersatlas:problem:invalid-token',
    )
    const basic = await app.request('/api/auth/me', { headers: { Authorization: 'Basic YTpi' } })
    expect(((await basic.json()) as { type: string }).type).toBe('urn:quartiersatlas:problem:unauthenticated')
    const headers = await authHeaders(db(), 'planner')
    await db()
      .sql`update users set disabled_at = now() where id = (select user_id from api_tokens order by id desc limit 1)`
    expect((await app.request('/api/auth/me', { headers })).status).toBe(401)
  })
})
