import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { newSecret, secretHash } from './secrets.ts'

// A session lives 7 days past its last use and at most 30 days in all. last_seen_at is written at
// most once a minute, so a page that fires many requests does not write on each of them.
export const sessionIdleDays = 7
export const sessionMaxDays = 30

type SessionRow = CurrentUser & { stale: boolean }

/** Opens a session for a user and returns the secret that goes into the cookie. */
export async function createSession(sql: Queries, userId: number): Promise<string> {
  const secret = newSecret()
  await sql`
    delete from sessions where user_id = ${userId} and expires_at <= now()`
  await sql`
    insert into sessions (id_hash, user_id, expires_at)
    values (${secretHash(secret)}, ${userId}, now() + make_interval(days => ${sessionIdleDays}))`
  return secret
}

/** The enabled user behind a live session, extending the session when it was last seen a while ago. */
export async function userOfSession(sql: Queries, secret: string): Promise<CurrentUser | undefined> {
  const idHash = secretHash(secret)
  const [row]: [SessionRow?] = await sql`
    select u.id, u.email, u.role, s.last_seen_at < now() - interval '1 minute' as stale
      from sessions s join users u on u.id = s.user_id
     where s.id_hash = ${idHash} and s.expires_at > now() and u.disabled_at is null`
  if (!row) return undefined
  if (row.stale) {
    await sql`
      update sessions
         set last_seen_at = now(),
             expires_at = least(created_at + make_interval(days => ${sessionMaxDays}),
                                now() + make_interval(days => ${sessionIdleDays}))
       where id_hash = ${idHash}`
  }
  return { id: row.id, email: row.email, role: row.role }
}

/** Ends a session (sign-out); unknown secrets are ignored. */
export async function deleteSession(sql: Queries, secret: string): Promise<void> {
  await sql`delete from sessions where id_hash = ${secretHash(secret)}`
}

/** Ends every session of a user, e.g. when an admin disables the account. */
export async function deleteSessionsOf(sql: Queries, userId: number): Promise<void> {
  await sql`delete from sessions where user_id = ${userId}`
}
