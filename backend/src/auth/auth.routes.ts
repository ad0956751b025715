import { Hono } from 'hono'
import { loginSchema, registerSchema, type SignedInAccount } from '../contract/accounts.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { limitBody, readJson } from '../http/read-json.ts'
import { ensureOwnerParty } from '../offers/offers.queries.ts'
import { type Account, createAccount, findAccount, findLoginAccount } from '../users/accounts.queries.ts'
import {
  checkLoginLimit,
  clearLoginFailures,
  clientAddress,
  recordLoginFailure,
} from './login-limit.queries.ts'
import { verifyDummy, verifyPassword } from './passwords.ts'
import { requireUser } from './require-role.ts'
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie.ts'
import { createSession, deleteSession } from './sessions.queries.ts'
import { tokenRoutes } from './tokens.routes.ts'

const wrongCredentials = () =>
  new Problem(401, 'invalid-credentials', 'Wrong e-mail or password', 'check both and try again')

/** What sign-in, registration and /me answer: the caller's public account fields. */
function me(account: Account): SignedInAccount {
  const { id, email, role, display_name, party_id } = account
  return { id, email, role, display_name, party_id }
}

/** /api/auth: sign-in with a session cookie, sign-out, the current user, registration, API tokens. */
export const authRoutes = new Hono<AppEnv>()
  .use(limitBody)
  .post('/login', async (c) => {
    const { sql } = c.get('db')
    const { email, password } = await readJson(c, loginSchema)
    const emailKey = email.toLowerCase()
    const client = clientAddress(c)
    await checkLoginLimit(sql, emailKey, client)
    const account = await findLoginAccount(sql, email)
    const valid = account?.password_hash
      ? await verifyPassword(account.password_hash, password)
      : await verifyDummy(password)
    if (!account || !valid) {
      await recordLoginFailure(sql, emailKey, client)
      throw wrongCredentials()
    }
    await clearLoginFailures(sql, emailKey)
    const old = readSessionCookie(c)
    if (old) await deleteSession(sql, old)
    writeSessionCookie(c, await createSession(sql, account.id))
    return c.json(me(account))
  })
  .post('/logout', async (c) => {
    const secret = readSessionCookie(c)
    if (secret) await deleteSession(c.get('db').sql, secret)
    clearSessionCookie(c)
    return c.body(null, 204)
  })
  .get('/me', async (c) => {
    const user = requireUser(c.get('user'))
    const account = await findAccount(c.get('db').sql, user.id)
    if (!account) throw new Problem(404, 'not-found', 'Account not found', 'the account was deleted')
    return c.json(me(account))
  })
  .post('/register', async (c) => {
    const { sql } = c.get('db')
    const { organisation, ...input } = await readJson(c, registerSchema)
    const account = await sql.begin(async (tx) => {
      const created = await createAccount(tx, input)
      if (organisation === undefined) return created
      return { ...created, party_id: await ensureOwnerParty(tx, created.id, organisation) }
    })
    writeSessionCookie(c, await createSession(sql, account.id))
    return c.json(me(account), 201)
  })
  .route('/tokens', tokenRoutes)
