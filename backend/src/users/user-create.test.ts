import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { accountTablesChecksum, sessionCookie } from '../auth/auth.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { userCreate } from './user-create.ts'

const db = useTestDatabase()

describe('npm run user:create', () => {
  it('creates an account that can sign in', async () => {
    const result = await userCreate(db().sql, [
      '--email',
      'stadtplanung@leipzig.example',
      '--password',
      'ein-sicheres-passwort',
      '--role',
      'planner',
      '--name',
      'Stadtplanungsamt',
    ])
    expect(result).toEqual({
      ok: true,
      message: expect.stringContaining('created planner account stadtplanung@leipzig.example'),
    })
    const cookie = await sessionCookie(
      createApp(db()),
      'stadtplanung@leipzig.example',
      'ein-sicheres-passwort',
    )
    const me = await createApp(db()).request('/api/auth/me', { headers: { Cookie: cookie } })
    expect(await me.json()).toMatchObject({ role: 'planner', display_name: 'Stadtplanungsamt' })
  })

  it('explains a bad role, a short password, a taken e-mail and missing arguments', async () => {
    await userCreate(db().sql, [
      '--email',
      'taken@example.org',
      '--password',
      'ein-sicheres-passwort',
      '--role',
      'admin',
    ])
    const before = await accountTablesChecksum(db())
    const run = (...args: string[]) => userCreate(db().sql, args)

    const role = await run(
      '--email',
      'a@example.org',
      '--password',
      'ein-sicheres-passwort',
      '--role',
      'mayor',
    )
    expect(role.ok).toBe(false)
    expect(role.message).toContain('--role: the role must be one of admin, planner, owner, resident')

    const short = await run('--email', 'a@example.org', '--password', 'kurz', '--role', 'admin')
    expect(short.message).toContain('--password: the password must have at least 10 characters')

    const taken = await run(
      '--email',
      'TAKEN@example.org',
      '--password',
      'ein-sicheres-passwort',
      '--role',
      'admin',
    )
    expect(taken).toEqual({
      ok: false,
      message: 'an account with the e-mail TAKEN@example.org already exists',
    })

    const missing = await run('--email', 'a@example.org')
    expect(missing.message).toContain('--password is missing')
    expect(missing.message).toContain('--role is missing')
    expect((await run('--mail', 'x')).message).toContain('usage: npm run user:create')
    expect(await accountTablesChecksum(db())).toBe(before)
  })
})
