import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { accountTablesChecksum, createUser } from './auth.testing.ts'

const db = useTestDatabase()

/** Signs in as if from the network address `from` (what the Node server reports for a socket). */
function login(email: string, password: string, from: string) {
  return createApp(db()).request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    },
    { incoming: { socket: { remoteAddress: from } } },
  )
}

describe('login rate limit', () => {
  it('refuses an e-mail after 10 failures from any addresses, even with the right password', async () => {
    const user = await createUser(db(), 'planner')
    for (let i = 1; i <= 10; i++) {
      expect((await login(user.email, 'wrong-password', `10.0.1.${i}`)).status).toBe(401)
    }
    const before = await accountTablesChecksum(db())
    const blocked = await login(user.email.toUpperCase(), user.password, '10.0.1.99')
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    expect(blocked.headers.get('set-cookie')).toBeNull()
    expect(await accountTablesChecksum(db())).toBe(before)

    const other = await createUser(db(), 'resident')
    expect((await login(other.email, other.password, '10.0.1.99')).status).toBe(200)
  })

  it('refuses an address after 10 failures on any e-mails, and lets other addresses in', async () => {
    for (let i = 1; i <= 10; i++) {
      expect((await login(`guess-${i}@example.org`, 'wrong-password', '10.0.2.1')).status).toBe(401)
    }
    const user = await createUser(db(), 'owner')
    const blocked = await login(user.email, user.password, '10.0.2.1')
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await login(user.email, user.password, '10.0.2.2')).status).toBe(200)
  })

  it('counts only failures: nine wrong and one right password still sign in', async () => {
    const user = await createUser(db(), 'resident')
    for (let i = 1; i <= 9; i++) await login(user.email, 'wrong-password', '10.0.3.1')
    expect((await login(user.email, user.password, '10.0.3.1')).status).toBe(200)
  })

  it('lets at most 10 of 40 concurrent wrong passwords reach the password check', async () => {
    const user = await createUser(db(), 'owner')
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => login(user.email, 'wrong-password', '10.0.6.1')),
    )
    const statuses = responses.map((response) => response.status)
    // 401 answers a checked password; 429 refuses before the check.
    expect(statuses.filter((status) => status === 401).length).toBe(10)
    expect(statuses.filter((status) => status === 429).length).toBe(30)
    const [failures] = await db().sql<{ count: number }[]>`
      select count(*)::int as count from login_failures where email = ${user.email.toLowerCase()}`
    expect(failures?.count).toBe(10)
  })

  /** Moves the stored failures from addresses starting with `prefix` into the past. */
  async function age(prefix: string, interval: string) {
    const { sql } = db()
    const rows = await sql`
      update login_failures set failed_at = failed_at - ${interval}::interval
       where client like ${`${prefix}%`} returning 1`
    expect(rows.length).toBeGreaterThan(0)
  }

  it('forgets an e-mail’s failures 15 minutes after the tenth, not earlier', async () => {
    const user = await createUser(db(), 'planner')
    for (let i = 1; i <= 10; i++) {
      expect((await login(user.email, 'wrong-password', `10.0.4.${i}`)).status).toBe(401)
    }
    await age('10.0.4.', '14 minutes 30 seconds')
    const stillBlocked = await login(user.email, user.password, '10.0.4.99')
    expect(stillBlocked.status).toBe(429)
    expect(Number(stillBlocked.headers.get('retry-after'))).toBeLessThanOrEqual(31)
    await age('10.0.4.', '31 seconds')
    expect((await login(user.email, user.password, '10.0.4.99')).status).toBe(200)
  })

  it('forgets an address’s failures 15 minutes after the tenth, not earlier', async () => {
    for (let i = 1; i <= 10; i++) {
      expect((await login(`aged-${i}@example.org`, 'wrong-password', '10.0.5.1')).status).toBe(401)
    }
    const user = await createUser(db(), 'owner')
    await age('10.0.5.', '14 minutes 30 seconds')
    expect((await login(user.email, user.password, '10.0.5.1')).status).toBe(429)
    await age('10.0.5.', '31 seconds')
    expect((await login(user.email, user.password, '10.0.5.1')).status).toBe(200)
  })
})
