import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { accountTablesChecksum } from './auth.testing.ts'

const db = useTestDatabase()

function register(body: unknown, contentType = 'application/json') {
  return createApp(db()).request('/api/auth/register', {
    method: 'POST',
    headers: { 'Content-Type': contentType, Origin: 'http://localhost' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

describe('self-registration', () => {
  it('registers an owner, signs them in, and stores only an argon2id hash', async () => {
    const password = 'ein-langes-passwort'
    const response = await register({
      email: 'Flaeche@Example.org',
      password,
      role: 'owner',
      display_name: 'Brache AG',
    })
    expect(response.status).toBe(201)
    const body = await response.text()
    expect(body).not.toContain('argon2')
    expect(body).not.toContain(password)
    expect(JSON.parse(body)).toMatchObject({
      email: 'Flaeche@Example.org',
      role: 'owner',
      display_name: 'Brache AG',
    })
    const cookie = /qa_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0]
    expect(cookie).toBeDefined()
    const me = await createApp(db()).request('/api/auth/me', { headers: { Cookie: cookie ?? '' } })
    expect(((await me.json()) as { role: string }).role).toBe('owner')
    const [row] = await db().sql<{ password_hash: string }[]>`
      select password_hash from users where lower(email) = 'flaeche@example.org'`
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('refuses weak, privileged, duplicate and malformed registrations and stores nothing', async () => {
    await register({ email: 'anwohner@example.org', password: 'ein-langes-passwort', role: 'resident' })
    const before = await accountTablesChecksum(db())

    const short = await register({ email: 'kurz@example.org', password: 'kurz', role: 'resident' })
    expect(short.status).toBe(422)
    expect(((await short.json()) as { detail: string }).detail).toContain('at least 10 characters')

    const planner = await register({
      email: 'p@example.org',
      password: 'ein-langes-passwort',
      role: 'planner',
    })
    expect(planner.status).toBe(422)
    expect(((await planner.json()) as { detail: string }).detail).toContain('owner or resident')

    const duplicate = await register({
      email: 'ANWOHNER@example.org',
      password: 'ein-langes-passwort',
      role: 'owner',
    })
    expect(duplicate.status).toBe(409)
    expect(duplicate.headers.get('set-cookie')).toBeNull()

    expect(
      (await register({ email: 'not-an-email', password: 'ein-langes-passwort', role: 'owner' })).status,
    ).toBe(422)
    expect(
      (
        await register({
          email: 'a@example.org',
          password: 'ein-langes-passwort',
          role: 'owner',
          party_id: 1,
        })
      ).status,
    ).toBe(422)
    expect((await register('{"email":', 'application/json')).status).toBe(400)
    expect((await register('email=a', 'application/x-www-form-urlencoded')).status).toBe(415)
    const huge = await register({ email: 'b@example.org', password: 'x'.repeat(20_000), role: 'owner' })
    expect(huge.status).toBe(413)
    for (const response of [short, planner, duplicate, huge]) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    }
    expect(await accountTablesChecksum(db())).toBe(before)
  })
})
