import { type HashCost, hashPassword } from '../auth/passwords.ts'
import type { Account, NewAccount } from '../contract/accounts.schema.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'

export type { Account }

/** The columns of Account, for every select that answers a client. */
export const accountColumns = [
  'id',
  'email',
  'role',
  'display_name',
  'party_id',
  'disabled_at',
  'created_at',
] as const

/** Creates an account with an argon2id password hash; 409 when the e-mail is taken (any case). */
export async function createAccount(sql: Queries, account: NewAccount, cost?: HashCost): Promise<Account> {
  return insertAccount(sql, account, await hashPassword(account.password, cost))
}

/** Creates an account whose password was hashed already (a confirmed registration); 409 as createAccount. */
export async function insertAccount(
  sql: Queries,
  account: Omit<NewAccount, 'password'>,
  passwordHash: string,
): Promise<Account> {
  const [row]: [Account?] = await sql`
    insert into users (email, password_hash, role, display_name, party_id)
    values (${account.email}, ${passwordHash}, ${account.role}, ${account.display_name ?? null},
            ${account.party_id ?? null})
    on conflict ((lower(email))) do nothing
    returning ${identifiers(sql, accountColumns)}`
  if (!row) {
    throw new Problem(
      409,
      'email-taken',
      'E-mail already registered',
      `an account with ${account.email} exists; sign in instead`,
    )
  }
  return row
}

/** The enabled account with this e-mail (any case) and its password hash, for signing in. */
export async function findLoginAccount(
  sql: Queries,
  email: string,
): Promise<(Account & { password_hash: string | null }) | undefined> {
  const [row]: [(Account & { password_hash: string | null })?] = await sql`
    select ${identifiers(sql, accountColumns)}, password_hash from users
     where lower(email) = lower(${email}) and disabled_at is null`
  return row
}

/** One account by id. */
export async function findAccount(sql: Queries, id: number): Promise<Account | undefined> {
  const [row]: [Account?] = await sql`select ${identifiers(sql, accountColumns)} from users where id = ${id}`
  return row
}
