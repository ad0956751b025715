import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { demoAccounts } from './demo-accounts.ts'

const db = useTestDatabase()

describe('demo accounts', () => {
  it('lets each documented demo account sign in with its role', async () => {
    for (const account of demoAccounts) {
      const response = await createApp(db()).request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: account.email, password: account.password }),
      })
      expect(response.status, account.email).toBe(200)
      expect(await response.json()).toMatchObject({ email: account.email, role: account.role })
    }
    expect(new Set(demoAccounts.map((account) => account.role))).toEqual(
      new Set(['admin', 'planner', 'owner', 'resident']),
    )
  })

  it('links the demo owner to a demo organisation that owns plots', async () => {
    const [row] = await db().sql<{ public_name: string; plots: number }[]>`
      select p.public_name, (select count(*)::int from plots where owner_party_id = p.id) as plots
        from users u join parties p on p.id = u.party_id
       where u.email = 'eigentuemer@quartiersatlas.example'`
    expect(row?.public_name).toBe('Grundstücksgesellschaft Lindenau (Demo)')
    expect(row?.plots).toBeGreaterThan(0)
  })
})
