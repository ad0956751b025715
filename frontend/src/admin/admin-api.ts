import type { NewAccount, Role } from '../../../backend/src/contract/accounts.schema.ts'
import { call, type Problem } from '../api/client.ts'

// The admin's calls: accounts (/api/users) and a planner's programme areas.

/** An account as the users API shows it (never a password hash). */
export type ManagedAccount = {
  id: number
  email: string
  role: Role
  display_name: string | null
  party_id: number | null
  disabled_at: string | null
  created_at: string
}

export const listAccounts = () => call<ManagedAccount[]>('GET', '/api/users')
export const createAccount = (account: NewAccount) =>
  call<ManagedAccount>('POST', '/api/users', { body: account })
export const changeAccount = (id: number, change: { role?: Role; disabled?: boolean }) =>
  call<ManagedAccount>('PATCH', `/api/users/${id}`, { body: change })
export const plannerAreas = (id: number) =>
  call<{ programmeAreas: { id: number }[] }>('GET', `/api/users/${id}/programme-areas`)
export const assignAreas = (id: number, programmeAreaIds: number[]): Promise<unknown | Problem> =>
  call('PUT', `/api/users/${id}/programme-areas`, { body: { programmeAreaIds } })
