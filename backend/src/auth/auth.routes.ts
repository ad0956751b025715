import { type Context, Hono } from 'hono'
import { publicUrlSetting } from '../config.ts'
import {
  confirmSchema,
  loginSchema,
  registerSchema,
  type SignedInAccount,
} from '../contract/accounts.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { limitBody, readJson } from '../http/read-json.ts'
import { type Account, findAccount, findLoginAccount } from '../users/accounts.queries.ts'
import { clearLoginFailures, clientAddress, reserveLoginAttempt } from './login-limit.queries.ts'
import { verifyDummy, verifyPassword } from './passwords.ts'
import { confirmRegistration, requestRegistration } from './registration.queries.ts'
import { requireUser } from './require-role.ts'
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie.ts'
import { createSession, deleteSession } from './sessions.queries.ts'
import { tokenRoutes } from './tokens.routes.ts'

/** Where links in mails point: PUBLIC_URL when set (behind a proxy), else the origin the request reached. */
function publicOrigin(c: Context): string {
  const configured = publicUrlSetting()
  return configured ? new URL(configured).origin : new URL(c.req.url).origin
}

const wrongCredentials = () =>
  new Problem(
    401,
    'invalid-credentials',
    'Wrong e-mail or password',
    'check both and try again; a new account works once its e-mail address is confirmed',
  )

/** What sign-in, registration and /me answer: the caller's public account fields. */
function me(account: Account): SignedInAccount {
  const { id, email, role, display_name, party_id } = account
  return { id, email, role, display_name, party_id }
}

/** /api/auth: sign-in with a session cookie, sign-out, the current user, registration and its confirmation, API tokens. */
export const authRoutes = new Hono<AppEnv>()
  .use(limitBody)
  .post('/login', async (c) => {
    const { sql } = c.get('db')
    const { email, password } = await readJson(c, loginSchema)
    const emailKey = email.toLowerCase()
    const client = clientAddress(c)
    await reserveLoginAttempt(sql, emailKey, client)
    const account = await findLoginAccount(sql, email)
    const valid = account?.password_hash
      ? await verifyPassword(account.password_hash, password)
      : await verifyDummy(password)
    if (!account || !valid) throw wrongCredentials()
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
    const input = await readJson(c, registerSchema)
    await requestRegistration(c.get('db').sql, input, clientAddress(c), publicOrigin(c))
    // The same answer whether or not the address has an account: the mail tells the difference.
    return c.json({ status: 'confirmation-sent', email: input.email }, 202)
  })
  .post('/confirm', async (c) => {
    const { token } = await readJson(c, confirmSchema)
    const { sql } = c.get('db')
    const account = await confirmRegistration(sql, token)
    writeSessionCookie(c, await createSession(sql, account.id))
    return c.json(me(account))
  })
  .route('/tokens', tokenRoutes)
