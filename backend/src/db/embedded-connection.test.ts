import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

// The embedded database speaks the wire protocol in-process (embedded-connection.ts): a failed
// statement must end exactly its own query, never hand its leftovers to the next one.
describe('the SQL connection', () => {
  it('answers the next statements rightly after a failed one, with and without parameters', async () => {
    const sql = db().sql
    await expect(sql`select st_asmvt(t, 'probe') from (select 1 / 0 as geom) t`).rejects.toThrow()
    await expect(sql`select 1 / ${0}::int`).rejects.toThrow()
    const [row]: [{ count: number }?] = await sql`select count(*)::int as count from municipalities`
    expect(row?.count).toBeGreaterThan(0)
    expect(await sql`select ${7}::int as seven`).toEqual([{ seven: 7 }])
  })

  it('keeps a failed transaction from leaking into the next one', async () => {
    const sql = db().sql
    await expect(
      sql.begin(async (tx) => {
        await tx`select 1`
        await tx`select 1 / 0`
      }),
    ).rejects.toThrow()
    expect(await sql`select ${'ok'}::text as state`).toEqual([{ state: 'ok' }])
  })
})
