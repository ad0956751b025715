import { describe, expect, it } from 'vitest'
import { call, square } from '../agreements/interim-use.testing.ts'
import { caller } from '../agreements/interim-use-scenario.testing.ts'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

/** A planner assigned to the demo programme area `area`. */
async function plannerOf(area: string) {
  const planner = await caller(db(), 'planner')
  await db().sql`
    insert into planner_areas (user_id, programme_area_id)
    select ${planner.id}, id from programme_areas where external_id = ${`demo:programme-area:${area}`}`
  return planner
}

/** The review notices `userId` has, oldest first, with the mails queued for them. */
function reviewNotices(userId: number) {
  return db().sql<{ subject: string; body: string; resource: string; mailed: boolean }[]>`
    select n.subject, n.body, n.resource, exists (select 1 from outbox o where o.notification_id = n.id) as mailed
      from notifications n where n.user_id = ${userId} and n.kind = 'offer.review' order by n.id`
}

describe('planners hear of offers waiting for them', () => {
  it('notifies the planners of the area an offer lies in, when it is submitted and when it is revised', async () => {
    const app = createApp(db())
    const westen = await plannerOf('leipziger-westen-szp')
    const gruenau = await plannerOf('gruenau-szp')
    const owner = await caller(db(), 'owner')
    const title = 'Garten hinter dem Haus von Erika Beispiel (Test)'
    const offer = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      json: { title, geometry: square(12.3152, 51.3371) },
    })
    expect(offer.status).toBe(201)

    const [notice] = await reviewNotices(westen.id)
    expect(notice).toMatchObject({ resource: `/api/offers/${offer.body.id}`, mailed: true })
    expect(notice?.body).toContain('neu eingereicht')
    // The title may name a person: the notice names the offer by its number only.
    expect(`${notice?.subject} ${notice?.body}`).not.toContain('Erika Beispiel')
    expect(await reviewNotices(gruenau.id)).toEqual([])

    const planner = await caller(db(), 'planner')
    await call(app, 'POST', `/api/offers/${offer.body.id}/request-changes`, {
      headers: planner.headers,
      json: { reason: 'Bitte die Zufahrt ausnehmen.' },
    })
    const revised = await call(app, 'PATCH', `/api/offers/${offer.body.id}`, {
      headers: { ...owner.headers, 'If-Match': `"${offer.body.version + 1}"` },
      json: { conditions: 'Zufahrt bleibt frei' },
    })
    expect(revised.status).toBe(200)
    const notices = await reviewNotices(westen.id)
    expect(notices).toHaveLength(2)
    expect(notices[1]?.body).toContain('überarbeitet')
    expect(await reviewNotices(gruenau.id)).toEqual([])
  })
})

describe('where an offer lies', () => {
  it('names the districts and programme areas of the offered land in the offer itself', async () => {
    // Two districts side by side on the line 12.3160: the offer lies in the first, touches neither's edge.
    // They stand in for the official ones every database gets at its first start.
    await db().sql`delete from districts`
    await db().sql`
      insert into districts (key, name, geom) values
        ('90', 'Testviertel West', st_multi(st_makeenvelope(12.30, 51.33, 12.3160, 51.35, 4326))),
        ('91', 'Testviertel Ost', st_multi(st_makeenvelope(12.3160, 51.33, 12.33, 51.35, 4326)))`
    const app = createApp(db())
    const owner = await caller(db(), 'owner')
    const offer = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      json: { title: 'Hof in Lindenau (Test)', geometry: square(12.3152, 51.3371) },
    })
    expect(offer.status).toBe(201)
    const planner = await caller(db(), 'planner')
    const read = await call(app, 'GET', `/api/offers/${offer.body.id}`, { headers: planner.headers })
    expect(read.status).toBe(200)
    expect(read.body.districts).toEqual(['Testviertel West'])
    expect(read.body.programme_areas).toEqual(['Leipziger Westen', 'URBAN II Leipziger Westen'])
    const own = await call(app, 'GET', `/api/offers/${offer.body.id}`, { headers: owner.headers })
    expect(own.body).toMatchObject({ districts: ['Testviertel West'] })
  })
})
