import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { accountTablesChecksum, authHeaders, createUser, sessionCookie } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

function patch(id: number | string, body: unknown, headers: Record<string, string>) {
  return createApp(db()).request(`/api/users/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('admin user management', () => {
  it('lists accounts for admins only, never with password hashes', async () => {
    const app = createApp(db())
    const admin = await authHeaders(db(), 'admin')
    const listed = await app.request('/api/users', { headers: admin })
    expect(listed.status).toBe(200)
    const text = await listed.text()
    expect(text).not.toMatch(/argon2|password/)
    const accounts = JSON.parse(text) as { email: string; role: string }[]
    expect(accounts.map((account) => account.role)).toEqual(
      expect.arrayContaining(['admin', 'planner', 'owner', 'resident']),
    )

    const resident = await app.request('/api/users', { headers: await authHeaders(db(), 'resident') })
    expect(resident.status).toBe(403)
    expect(resident.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const anonymous = await app.request('/api/users')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toMatch(/Bearer/)
  })

  it('changes a role and links an owner to their organisation', async () => {
    const admin = await authHeaders(db(), 'admin')
    const user = await createUser(db(), 'resident')
    const [party] = await db().sql<
      { id: number }[]
    >`select id from parties where kind = 'organisation' limit 1`
    const response = await patch(user.id, { role: 'owner', party_id: party?.id }, admin)
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).not.toContain('argon2')
    expect(JSON.parse(body)).toMatchObject({
      id: user.id,
      role: 'owner',
      party_id: party?.id,
      disabled_at: null,
    })
  })

  it('disables an account: its session and tokens stop working at once; enabling brings no token back', async () => {
    const app = createApp(db())
    const admin = await authHeaders(db(), 'admin')
    const user = await createUser(db(), 'planner')
    const cookie = await sessionCookie(app, user.email, user.password)
    const bearer = { Authorization: `Bearer ${(await createApiToken(db().sql, user.id, 'QGIS')).token}` }
    expect((await app.request('/api/auth/me', { headers: bearer })).status).toBe(200)
    const disabled = await patch(user.id, { disabled: true }, admin)
    expect(((await disabled.json()) as { disabled_at: string | null }).disabled_at).not.toBeNull()
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401)
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })
    expect(login.status).toBe(401)
    expect((await app.request('/api/auth/me', { headers: bearer })).status).toBe(401)
    await patch(user.id, { disabled: false }, admin)
    const again = await sessionCookie(app, user.email, user.password)
    expect((await app.request('/api/auth/me', { headers: bearer })).status).toBe(401)
    const tokens = await app.request('/api/auth/tokens', { headers: { Cookie: again } })
    expect(await tokens.json()).toEqual([
      expect.objectContaining({ name: 'QGIS', revoked_at: expect.any(String) }),
    ])
  })

  it('refuses bad changes, changes by non-admins and changes to oneself, changing nothing', async () => {
    const adminUser = await createUser(db(), 'admin')
    const app = createApp(db())
    const cookie = await sessionCookie(app, adminUser.email, adminUser.password)
    const admin = { Cookie: cookie, Origin: 'http://localhost' }
    const target = await createUser(db(), 'resident')
    const planner = await authHeaders(db(), 'planner')
    const before = await accountTablesChecksum(db())
    expect((await patch(target.id, { role: 'king' }, admin)).status).toBe(422)
    expect((await patch(target.id, {}, admin)).status).toBe(422)
    expect((await patch(target.id, { password_hash: 'x' }, admin)).status).toBe(422)
    expect((await patch(999999, { role: 'planner' }, admin)).status).toBe(404)
    expect((await patch(target.id, { role: 'admin' }, planner)).status).toBe(403)
    const self = await patch(adminUser.id, { role: 'resident' }, admin)
    expect(self.status).toBe(422)
    expect(
      (await patch(target.id, { role: 'planner' }, { Cookie: cookie, Origin: 'https://evil.example' }))
        .status,
    ).toBe(403)
    expect(await accountTablesChecksum(db())).toBe(before)
  })

  it('audits every change an admin makes to an account, and nothing for a refused one', async () => {
    const adminUser = await createUser(db(), 'admin')
    const { token } = await createApiToken(db().sql, adminUser.id, 'test')
    const admin = { Authorization: `Bearer ${token}` }
    const planner = await createUser(db(), 'planner')
    const entries = () =>
      db().sql<{ actor_id: number; action: string; table_name: string; row_id: number }[]>`
        select actor_id::int, action, table_name, row_id::int from audit_log
         where table_name = 'users' and row_id = ${planner.id} order by id`
    const expected = { actor_id: adminUser.id, action: 'update', table_name: 'users', row_id: planner.id }

    expect((await patch(planner.id, { role: 'king' }, admin)).status).toBe(422)
    expect(await entries()).toEqual([])
    expect((await patch(planner.id, { disabled: true }, admin)).status).toBe(200)
    expect(await entries()).toEqual([expected])
    const [area] = await db().sql<{ id: number }[]>`select id::int from programme_areas order by id limit 1`
    const assigned = await createApp(db()).request(`/api/users/${planner.id}/programme-areas`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...admin },
      body: JSON.stringify({ programmeAreaIds: [area?.id] }),
    })
    expect(assigned.status).toBe(200)
    expect((await patch(planner.id, { role: 'owner' }, admin)).status).toBe(200)
    expect(await entries()).toEqual([expected, expected, expected])
  })

  it('creates an account for an admin only, audited, and refuses a taken e-mail', async () => {
    const adminUser = await createUser(db(), 'admin')
    const { token } = await createApiToken(db().sql, adminUser.id, 'test')
    const post = (body: unknown, headers: Record<string, string>) =>
      createApp(db()).request('/api/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    const account = {
      email: 'neu.planerin@quartiersatlas.example',
      password: 'lang-genug-2026',
      role: 'planner',
    }
    expect((await post(account, await authHeaders(db(), 'planner'))).status).toBe(403)
    const created = await post(account, { Authorization: `Bearer ${token}` })
    expect(created.status).toBe(201)
    const body = (await created.json()) as { id: number; role: string }
    expect(body.role).toBe('planner')
    expect(JSON.stringify(body)).not.toMatch(/password|argon2/)
    const [entry] = await db().sql<{ actor_id: number; action: string }[]>`
      select actor_id::int, action from audit_log where table_name = 'users' and row_id = ${body.id}`
    expect(entry).toEqual({ actor_id: adminUser.id, action: 'create' })
    const taken = await post(
      { ...account, email: account.email.toUpperCase() },
      { Authorization: `Bearer ${token}` },
    )
    expect(taken.status).toBe(409)
    expect(taken.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})
