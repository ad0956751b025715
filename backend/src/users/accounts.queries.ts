import { z } from 'zod'
import { type HashCost, hashPassword, maxPasswordLength, minPasswordLength } from '../auth/passwords.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import type { Role } from '../http/app-types.ts'
import { oneLine } from '../http/control-characters.ts'
import { Problem } from '../http/problem.ts'

export const roles = ['admin', 'planner', 'owner', 'resident'] as const satisfies readonly Role[]

/** Roles anyone may choose when registering; admin and planner accounts are made by an admin. */
export const selfRegisterRoles = ['owner', 'resident'] as const satisfies readonly Role[]

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'not an e-mail address' }))

export const passwordSchema = z
  .string()
  .min(minPasswordLength, `the password must have at least ${minPasswordLength} characters`)
  .max(maxPasswordLength, `the password must have at most ${maxPasswordLength} characters`)

export const displayNameSchema = oneLine.min(1).max(100)

export const newAccountSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(roles, { message: `the role must be one of ${roles.join(', ')}` }),
  display_name: displayNameSchema.nullish(),
  party_id: z.number().int().positive().nullish(),
})

export type NewAccount = z.infer<typeof newAccountSchema>

/** An account as the API shows it: never the password hash. */
export type Account = {
  id: number
  email: string
  role: Role
  display_name: string | null
  party_id: number | null
  disabled_at: string | null
  created_at: string
}

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
