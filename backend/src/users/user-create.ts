import { parseArgs } from 'node:util'
import { newAccountSchema } from '../contract/accounts.schema.ts'
import type { Queries } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'
import { createAccount } from './accounts.queries.ts'

export const userCreateUsage =
  'usage: npm run user:create -- --email <e-mail> --password <password> --role <admin|planner|owner|resident> [--name <display name>]'

/** The outcome of `npm run user:create`: a line to print and whether it worked. */
export type CommandResult = { ok: boolean; message: string }

/** Creates an account from command-line arguments; every refusal is a message naming what to fix. */
export async function userCreate(sql: Queries, args: string[]): Promise<CommandResult> {
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
    }).values
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${userCreateUsage}` }
  }
  const missing = (['email', 'password', 'role'] as const).filter((name) => values[name] === undefined)
  if (missing.length > 0) {
    const lines = missing.map((name) => `--${name} is missing`)
    return { ok: false, message: `${lines.join('\n')}\n${userCreateUsage}` }
  }
  const parsed = newAccountSchema.safeParse({
    email: values.email,
    password: values.password,
    role: values.role,
    display_name: values.name,
  })
  if (!parsed.success) {
    const option = (path: PropertyKey | undefined) => (path === 'display_name' ? 'name' : String(path))
    const reasons = parsed.error.issues.map((issue) => `--${option(issue.path[0])}: ${issue.message}`)
    return { ok: false, message: `${reasons.join('\n')}\n${userCreateUsage}` }
  }
  try {
    const account = await createAccount(sql, parsed.data)
    return { ok: true, message: `created ${account.role} account ${account.email} (id ${account.id})` }
  } catch (error) {
    if (error instanceof Problem && error.status === 409) {
      return { ok: false, message: `an account with the e-mail ${parsed.data.email} already exists` }
    }
    throw error
  }
}
