import { describe, expect, it } from 'vitest'
import { call } from '../agreements/interim-use.testing.ts'
import { caller } from '../agreements/interim-use-scenario.testing.ts'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { notifyUsers } from './notify.queries.ts'

const db = useTestDatabase()

describe('notifications in one language per text (issue 16)', () => {
  it('keeps the German and the English text apart, so the app can show one of them', async () => {
    const owner = await caller(db(), 'owner')
    await notifyUsers(db().sql, [owner.id], {
      kind: 'offer.accepted',
      subject: { de: 'Angebot 7 angenommen', en: 'Offer 7 accepted' },
      body: { de: 'Ihr Angebot 7 wurde angenommen.', en: 'Your offer 7 was accepted.' },
      resource: '/api/offers/7',
    })
    const app = createApp(db())
    const listed = await call(app, 'GET', '/api/notifications', { headers: owner.headers })
    expect(listed.status).toBe(200)
    const [notice] = listed.body.notifications
    expect(notice).toMatchObject({
      subject: { de: 'Angebot 7 angenommen', en: 'Offer 7 accepted' },
      body: { de: 'Ihr Angebot 7 wurde angenommen.', en: 'Your offer 7 was accepted.' },
    })
    const read = await call(app, 'POST', `/api/notifications/${notice.id}/read`, { headers: owner.headers })
    expect(read.body.subject).toEqual({ de: 'Angebot 7 angenommen', en: 'Offer 7 accepted' })
    expect(read.body.read_at).not.toBeNull()
  })
})
