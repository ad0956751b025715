import type { ApiTokenInfo, NewApiToken } from '../contract/accounts.schema.ts'
import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { newSecret, secretHash } from './secrets.ts'

export type { ApiTokenInfo }

export const tokenPrefix = 'qa_'

/** Creates a personal API token; the returned `token` is the only copy of the secret. */
export async function createApiToken(
  sql: Queries,
  userId: number,
  name: string,
  desktopGis = false,
): Promise<NewApiToken> {
  const token = newSecret(tokenPrefix)
  const [row] = await sql<{ id: number }[]>`
    insert into api_tokens (user_id, name, token_hash, desktop_gis)
    values (${userId}, ${name}, ${secretHash(token)}, ${desktopGis})
    returning id`
  if (!row) throw new Error('insert into api_tokens returned no row')
  return { id: row.id, name, token, desktop_gis: desktopGis }
}

/** The user's tokens, newest first. */
export function listApiTokens(sql: Queries, userId: number): Promise<ApiTokenInfo[]> {
  return sql<ApiTokenInfo[]>`
    select id, name, created_at, last_used_at, revoked_at, desktop_gis
      from api_tokens where user_id = ${userId}
     order by created_at desc, id desc`
}

/** Revokes one of the user's tokens; false when the user has no token with that id. */
export async function revokeApiToken(sql: Queries, userId: number, id: number): Promise<boolean> {
  const rows = await sql`
    update api_tokens set revoked_at = coalesce(revoked_at, now())
     where id = ${id} and user_id = ${userId}
    returning id`
  return rows.length > 0
}

/** The enabled user behind a live token; records its use at most once a minute. */
export async function userOfApiToken(sql: Queries, token: string): Promise<CurrentUser | undefined> {
  const [row]: [(CurrentUser & { token_id: number; stale: boolean })?] = await sql`
    select u.id, u.email, u.role, t.id as token_id, t.desktop_gis as "desktopGis",
           coalesce(t.last_used_at < now() - interval '1 minute', true) as stale
      from api_tokens t join users u on u.id = t.user_id
     where t.token_hash = ${secretHash(token)} and t.revoked_at is null and u.disabled_at is null`
  if (!row) return undefined
  if (row.stale) await sql`update api_tokens set last_used_at = now() where id = ${row.token_id}`
  return { id: row.id, email: row.email, role: row.role, desktopGis: row.desktopGis }
}

/** Revokes every token of a user (when the account is disabled); re-enabling brings none back. */
export async function revokeApiTokensOf(sql: Queries, userId: number): Promise<void> {
  await sql`update api_tokens set revoked_at = now() where user_id = ${userId} and revoked_at is null`
}
