import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { repoRoot } from '../config.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

/** The rows of the README's demo-account table: what a reader will type in. */
function readmeDemoAccounts(): { email: string; password: string; role: string }[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
  const section = readme.split(/^### Demo accounts.*$/m)[1]?.split(/^#/m)[0] ?? ''
  return section
    .split('\n')
    .map((line) => [...line.matchAll(/\|\s*`([^`]+)`\s*(?=\|)/g)].map((cell) => cell[1] as string))
    .filter((cells) => cells.length === 3)
    .map(
      ([email, password, role]) =>
        ({ email, password, role }) as { email: string; password: string; role: string },
    )
}

describe('demo accounts', () => {
  it('lets each account of the README’s table sign in with the role the table gives', async () => {
    const documented = readmeDemoAccounts()
    expect(documented.map((account) => account.role).sort()).toEqual([
      'admin',
      'owner',
      'planner',
      'resident',
    ])
    for (const account of documented) {
      const response = await createApp(db()).request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: account.email, password: account.password }),
      })
      expect(response.status, account.email).toBe(200)
      expect(await response.json()).toMatchObject({ email: account.email, role: account.role })
    }
    // No undocumented demo account: the seeded ones are exactly the table's.
    const seeded = await db().sql<{ email: string; role: string }[]>`
      select email, role from users where email like '%@quartiersatlas.example' order by email`
    expect(seeded).toEqual(
      documented.map(({ email, role }) => ({ email, role })).sort((a, b) => a.email.localeCompare(b.email)),
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
