import type { z } from 'zod'
import type {
  RegistrationSent,
  registerSchema,
  SignedInAccount,
} from '../../../backend/src/contract/accounts.schema.ts'
import { call, type Problem, problemOf } from './client.ts'

// Signing in and out, the current account, and registration: the one way the browser signs in
// (a session cookie set by the server).

export type Account = SignedInAccount

/** The signed-in account, or null. */
export async function currentAccount(): Promise<Account | null> {
  const response = await fetch('/api/auth/me', { headers: { Accept: 'application/json' } })
  return response.ok ? ((await response.json()) as Account) : null
}

/** Signs in with a session cookie; the account, or the server's problem. */
export async function signIn(email: string, password: string): Promise<Account | Problem> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return response.ok ? ((await response.json()) as Account) : problemOf(response)
}

/** Signs out. */
export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST' })
}

/** Asks for an owner or resident account: the server mails a confirmation link to the address. */
export const register = (input: z.input<typeof registerSchema>) =>
  call<RegistrationSent>('POST', '/api/auth/register', { body: input })

/** Creates the account from the token of the mailed link and signs it in. */
export const confirmRegistration = (token: string) =>
  call<Account>('POST', '/api/auth/confirm', { body: { token } })
