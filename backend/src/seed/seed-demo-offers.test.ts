import { describe, expect, it } from 'vitest'
import { call } from '../agreements/interim-use.testing.ts'
import { createApp } from '../app.ts'
import { createUser, sessionCookie } from '../auth/auth.testing.ts'
import { demoAccounts, seedDemoAccounts } from '../auth/demo-accounts.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { seedDemoOffers } from './seed-demo-offers.ts'

const db = useTestDatabase()

const demo = (role: string) =>
  demoAccounts.find((account) => account.role === role) as (typeof demoAccounts)[number]

async function demoOffers() {
  return db().sql<{ id: number; status: string; email: string; party: string }[]>`
    select o.id, o.status, u.email, p.public_name as party
      from offers o join users u on u.id = o.owner_user_id join parties p on p.id = o.owner_party_id
     where o.external_id like 'demo:offer:%'`
}

async function demoOfferId(): Promise<number> {
  const [offer] = await demoOffers()
  if (!offer) throw new Error('no demo offer was seeded')
  return offer.id
}

describe('the demo offer', () => {
  it('waits as submitted offer of the demo owner, once however often the demo accounts are seeded', async () => {
    const seeded = await demoOffers()
    expect(seeded).toEqual([
      {
        id: expect.any(Number),
        status: 'submitted',
        email: demo('owner').email,
        party: 'Grundstücksgesellschaft Lindenau (Demo)',
      },
    ])
    await seedDemoAccounts(db().sql)
    expect(await seedDemoOffers(db().sql)).toBe(0)
    expect(await demoOffers()).toEqual(seeded)
  })

  it('lies on land in the Leipziger Westen that no demo plot covers', async () => {
    const [offer] = await db().sql<{ area: number; in_westen: boolean; on_plot: boolean }[]>`
      select o.area_m2 as area,
             exists (select from programme_areas a
                      where a.external_id = 'demo:programme-area:leipziger-westen-szp' and st_contains(a.geom, o.geom)) as in_westen,
             exists (select from plots p where st_intersects(p.geom, o.geom)) as on_plot
        from offers o where o.external_id like 'demo:offer:%'`
    expect(offer).toMatchObject({ in_westen: true, on_plot: false })
    expect(offer?.area).toBeGreaterThan(1000)
  })

  it('is in the demo planner’s review queue with the owner organisation’s office as contact', async () => {
    const app = createApp(db())
    const planner = demo('planner')
    const headers = { Cookie: await sessionCookie(app, planner.email, planner.password) }
    const queue = await call(app, 'GET', '/api/offers?status=submitted', { headers })
    const id = await demoOfferId()
    const offer = queue.body.offers.find((o: { id: number }) => o.id === id)
    expect(offer).toMatchObject({
      title: 'Hofbrache zwischen Josephstraße und Erich-Zeigner-Allee',
      allowed_uses: expect.arrayContaining(['community_garden']),
      available_from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      available_until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      conditions: expect.stringContaining('Keine festen Bauten'),
      contact: {
        contact_name: 'Grundstücksgesellschaft Lindenau (Demo), Büro',
        email: expect.stringMatching(/@[a-z-]+\.example\.org$/),
        phone: expect.stringMatching(/^0341 555 /),
      },
    })
    const owner = demo('owner')
    const own = await call(app, 'GET', '/api/offers', {
      headers: { Cookie: await sessionCookie(app, owner.email, owner.password) },
    })
    expect(own.body.offers.map((o: { id: number }) => o.id)).toContain(id)
  })

  it('reaches planners of the Leipziger Westen, not those of Grünau, and no one signed out', async () => {
    const app = createApp(db())
    const id = await demoOfferId()
    const seen: Record<string, number> = {}
    for (const area of ['leipziger-westen-szp', 'gruenau-szp']) {
      const planner = await createUser(db(), 'planner')
      await db().sql`
        insert into planner_areas (user_id, programme_area_id)
        select ${planner.id}, id from programme_areas where external_id = ${`demo:programme-area:${area}`}`
      const cookie = await sessionCookie(app, planner.email, planner.password)
      seen[area] = (await call(app, 'GET', `/api/offers/${id}`, { headers: { Cookie: cookie } })).status
    }
    expect(seen).toEqual({ 'leipziger-westen-szp': 200, 'gruenau-szp': 404 })
    expect((await call(app, 'GET', `/api/offers/${id}`)).status).toBe(401)
    expect((await call(app, 'GET', '/api/offers')).status).toBe(401)
  })
})
