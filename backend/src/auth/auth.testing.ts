import type { Hono } from 'hono'
import type { Database } from '../db/database.ts'
import type { AppEnv, Role } from '../http/app-types.ts'
import { createAccount } from '../users/accounts.queries.ts'
import { sessionCookieName } from './session-cookie.ts'
import { createApiToken } from './tokens.queries.ts'

// Helpers for tests across the project: accounts of a role, a bearer header, a signed-in cookie.
// Passwords are hashed at full cost: one argon2id hash takes about 12 ms here.

let counter = 0

/** Creates an account of `role` with a unique e-mail and returns its id, e-mail and password. */
export async function createUser(
  db: Database,
  role: Role,
  overrides: { email?: string; password?: string; display_name?: string; party_id?: number } = {},
): Promise<{ id: number; email: string; password: string }> {
  counter += 1
  const email =
    overrides.email ?? `test-${role}-${process.pid}-${counter}-${Date.now().toString(36)}@example.org`
  const password = overrides.password ?? `password-${counter}-${Math.random().toString(36).slice(2)}`
  const account = await createAccount(db.sql, {
    email,
    password,
    role,
    display_name: overrides.display_name,
    party_id: overrides.party_id,
  })
  return { id: account.id, email: account.email, password }
}

/** Creates an account of `role` with an API token and returns `{ Authorization: 'Bearer …' }`. */
export async function authHeaders(db: Database, role: Role): Promise<Record<string, string>> {
  const user = await createUser(db, role)
  const { token } = await createApiToken(db.sql, user.id, 'test')
  return { Authorization: `Bearer ${token}` }
}

/** Signs in through POST /api/auth/login and returns the value for a `Cookie` header. */
export async function sessionCookie(app: Hono<AppEnv>, email: string, password: string): Promise<string> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 200) {
    throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`)
  }
  const setCookie = response.headers.get('set-cookie') ?? ''
  const match = new RegExp(`${sessionCookieName}=([^;]+)`).exec(setCookie)
  if (!match) throw new Error(`sign-in as ${email} set no session cookie: ${setCookie}`)
  return `${sessionCookieName}=${match[1]}`
}

/**
 * A fingerprint of the account tables (users, sessions, api_tokens), to prove a refusal changed
 * nothing. Leaves out last_seen_at and last_used_at: signing a request records use even when the
 * request is then refused.
 */
export async function accountTablesChecksum(db: Database): Promise<string> {
  const [row]: [{ sum: string }?] = await db.sql`
    select md5(concat_ws('|',
      (select string_agg(t::text, ',' order by id) from users t),
      (select string_agg(concat_ws(';', id_hash, user_id, created_at, expires_at), ',' order by id_hash)
         from sessions),
      (select string_agg(concat_ws(';', id, user_id, name, token_hash, created_at, revoked_at), ',' order by id)
         from api_tokens))) as sum`
  return row?.sum ?? ''
}

/** The token of the newest confirmation link mailed (through the outbox) to `email`. */
export async function mailedConfirmationToken(db: Database, email: string): Promise<string> {
  const [mail] = await db.sql<{ body: string }[]>`
    select body from outbox where lower(recipient) = lower(${email}) order by id desc limit 1`
  const token = /#confirm=([\w-]+)/.exec(mail?.body ?? '')?.[1]
  if (!token) throw new Error(`no confirmation link was mailed to ${email}`)
  return token
}

/**
 * Registers through POST /api/auth/register and confirms through the mailed link, as a person
 * would; returns the confirmation's answer and its session cookie.
 */
export async function registerConfirmed(
  app: Hono<AppEnv>,
  db: Database,
  body: Record<string, unknown> & { email: string },
): Promise<{ response: Response; cookie: string }> {
  const headers = { 'Content-Type': 'application/json', Origin: 'http://localhost' }
  const registered = await app.request('/api/auth/register', {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  })
  if (registered.status !== 202) throw new Error(`registration failed: ${await registered.text()}`)
  const response = await app.request('/api/auth/confirm', {
    method: 'POST',
    headers,
    body: JSON.stringify({ token: await mailedConfirmationToken(db, body.email) }),
  })
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return { response, cookie }
}
