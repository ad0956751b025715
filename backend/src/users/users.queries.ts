import { identifiers, type Queries } from '../db/sql-client.ts'
import type { Role } from '../http/app-types.ts'
import { type Account, accountColumns } from './accounts.queries.ts'

/** Every account, oldest first, without password hashes. */
export function listAccounts(sql: Queries): Promise<Account[]> {
  return sql<Account[]>`select ${identifiers(sql, accountColumns)} from users order by id`
}

export type AccountChange = { role?: Role; disabled?: boolean; party_id?: number | null }

/** Applies an admin's change to an account; undefined when there is no such account. */
export async function updateAccount(
  sql: Queries,
  id: number,
  change: AccountChange,
): Promise<Account | undefined> {
  const disabled = change.disabled === undefined ? null : change.disabled
  const [row]: [Account?] = await sql`
    update users
       set role = coalesce(${change.role ?? null}, role),
           disabled_at = case when ${disabled}::boolean is null then disabled_at
                              when ${disabled}::boolean then coalesce(disabled_at, now())
                              else null end,
           party_id = case when ${change.party_id !== undefined} then ${change.party_id ?? null}::bigint
                           else party_id end,
           updated_at = now()
     where id = ${id}
    returning ${identifiers(sql, accountColumns)}`
  return row
}
