import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { accountTablesChecksum, createUser, mailedConfirmationToken } from './auth.testing.ts'

const db = useTestDatabase()

function register(body: unknown, contentType = 'application/json', from = '10.1.0.1') {
  return createApp(db()).request(
    '/api/auth/register',
    {
      method: 'POST',
      headers: { 'Content-Type': contentType, Origin: 'http://localhost' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: from } } },
  )
}

function confirm(token: string) {
  return createApp(db()).request('/api/auth/confirm', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
    body: JSON.stringify({ token }),
  })
}

async function mailsTo(email: string) {
  return db().sql<{ subject: string; body: string }[]>`
    select subject, body from outbox where lower(recipient) = lower(${email}) order by id`
}

describe('self-registration', () => {
  it('creates the account only when the mailed link is used, then signs in and stores only an argon2id hash', async () => {
    const password = 'ein-langes-passwort'
    const response = await register({
      email: 'Flaeche@Example.org',
      password,
      role: 'owner',
      display_name: 'Brache AG',
    })
    expect(response.status).toBe(202)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await response.json()).toEqual({ status: 'confirmation-sent', email: 'Flaeche@Example.org' })
    const [before] = await db()
      .sql`select count(*)::int as n from users where lower(email) = 'flaeche@example.org'`
    expect(before?.n).toBe(0)
    const [mail] = await mailsTo('flaeche@example.org')
    expect(mail?.body).toContain('http://localhost/#confirm=')
    expect(mail?.body).not.toContain(password)

    const early = await createApp(db()).request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'flaeche@example.org', password }),
    })
    expect(early.status).toBe(401)

    const token = await mailedConfirmationToken(db(), 'flaeche@example.org')
    const confirmed = await confirm(token)
    expect(confirmed.status).toBe(200)
    const body = await confirmed.text()
    expect(body).not.toContain('argon2')
    expect(JSON.parse(body)).toMatchObject({
      email: 'Flaeche@Example.org',
      role: 'owner',
      display_name: 'Brache AG',
    })
    const cookie = /qa_session=[^;]+/.exec(confirmed.headers.get('set-cookie') ?? '')?.[0]
    expect(cookie).toBeDefined()
    const me = await createApp(db()).request('/api/auth/me', { headers: { Cookie: cookie ?? '' } })
    expect(((await me.json()) as { role: string }).role).toBe('owner')
    const [row] = await db().sql<{ password_hash: string }[]>`
      select password_hash from users where lower(email) = 'flaeche@example.org'`
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const [kept] = await db().sql`
      select count(*)::int as n from registrations where password_hash is not null and lower(email) = 'flaeche@example.org'`
    expect(kept?.n).toBe(0)

    const again = await confirm(token)
    expect(again.status).toBe(400)
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('points the link at PUBLIC_URL when it is set, not at the Host a request names', async () => {
    process.env.PUBLIC_URL = 'https://quartiersatlas.example/'
    try {
      const response = await register(
        { email: 'link@example.org', password: 'ein-langes-passwort', role: 'resident' },
        undefined,
        '10.1.3.1',
      )
      expect(response.status).toBe(202)
    } finally {
      delete process.env.PUBLIC_URL
    }
    const [mail] = await mailsTo('link@example.org')
    expect(mail?.body).toMatch(/https:\/\/quartiersatlas\.example\/#confirm=[\w-]{43}\n/)
  })

  it('answers a registration for an address with an account exactly like any other, and changes nothing', async () => {
    const existing = await createUser(db(), 'planner', { email: 'vorhanden@example.org' })
    const before = await accountTablesChecksum(db())
    const taken = await register({
      email: 'VORHANDEN@example.org',
      password: 'ein-langes-passwort',
      role: 'owner',
    })
    const free = await register({ email: 'frei@example.org', password: 'ein-langes-passwort', role: 'owner' })
    expect(taken.status).toBe(free.status)
    expect([...taken.headers.keys()]).toEqual([...free.headers.keys()])
    const shape = (value: unknown) => ({ ...(value as object), email: '…' })
    expect(shape(await taken.json())).toEqual(shape(await free.json()))
    expect(await accountTablesChecksum(db())).toBe(before)
    const [notice] = await mailsTo(existing.email)
    expect(notice?.subject).toContain('schon ein Konto')
    expect(notice?.body).not.toContain('#confirm=')
  })

  it('allows 3 registrations per e-mail and 10 per address within an hour, then answers 429 with Retry-After', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(
        (
          await register(
            { email: 'oft@example.org', password: 'ein-langes-passwort', role: 'resident' },
            undefined,
            `10.1.1.${i}`,
          )
        ).status,
      ).toBe(202)
    }
    const perEmail = await register(
      { email: 'oft@example.org', password: 'ein-langes-passwort', role: 'resident' },
      undefined,
      '10.1.1.9',
    )
    expect(perEmail.status).toBe(429)
    expect(perEmail.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(Number(perEmail.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await mailsTo('oft@example.org')).toHaveLength(3)

    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        register(
          { email: `haus-${i}@example.org`, password: 'ein-langes-passwort', role: 'resident' },
          undefined,
          '10.1.2.1',
        ),
      ).map(async (response) => (await response).status),
    )
    expect(statuses.filter((status) => status === 202)).toHaveLength(10)
    expect(statuses.filter((status) => status === 429)).toHaveLength(2)
    expect(
      (
        await register(
          { email: 'nachbar@example.org', password: 'ein-langes-passwort', role: 'resident' },
          undefined,
          '10.1.2.2',
        )
      ).status,
    ).toBe(202)
  })

  it('refuses weak, privileged and malformed registrations and stores nothing', async () => {
    const before = await accountTablesChecksum(db())
    const mailsBefore = await db().sql`select count(*)::int as n from outbox`

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
    for (const response of [short, planner, huge]) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    }
    expect(await accountTablesChecksum(db())).toBe(before)
    expect(await db().sql`select count(*)::int as n from outbox`).toEqual(mailsBefore)
  })
})
