import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { composeMail } from '../mail/mail-compose.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { maxPerClientPerHour } from './feedback.queries.ts'

const db = useTestDatabase()

function report(body: unknown, from = '10.2.0.1') {
  return createApp(db()).request(
    '/api/accessibility/feedback',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
      body: JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: from } } },
  )
}

describe('reports of barriers', () => {
  it('reach every admin in the app and by mail, in their language, and not the other roles', async () => {
    const admin = await createUser(db(), 'admin')
    await db().sql`update users set language = 'en' where id = ${admin.id}`
    const planner = await createUser(db(), 'planner')
    const message = 'Die Liste lässt sich mit der Tastatur nicht erreichen.'
    const response = await report({ message, page: '/plots/3', email: 'melder@example.org' })
    expect(response.status).toBe(202)
    const { id } = (await response.json()) as { id: number }
    const [stored] = await db().sql`select message, page, email from accessibility_feedback where id = ${id}`
    expect(stored).toEqual({ message, page: '/plots/3', email: 'melder@example.org' })
    const notices = await db().sql<{ user_id: number; body: string; resource: string }[]>`
      select user_id, body, resource from notifications where kind = 'accessibility.feedback'`
    expect(notices.map((n) => n.user_id)).toContain(admin.id)
    expect(notices.map((n) => n.user_id)).not.toContain(planner.id)
    expect(notices.find((n) => n.user_id === admin.id)?.body).toContain(message)
    const [mail] = await db().sql<{ kind: string; language: 'de' | 'en'; subject: string; body: string }[]>`
      select kind, language, subject, body from outbox where recipient = ${admin.email}`
    expect(mail?.subject).toBe(`Barrier reported (no. ${id})`)
    expect(mail?.body).toContain('Reply to: melder@example.org')
    // Admins must answer reports: the mail offers no way to turn them off.
    const composed = composeMail(mail as NonNullable<typeof mail>, 'http://localhost')
    expect(composed.text).toContain('answer reports about accessibility')
    expect(composed.text).not.toContain('workspace=notifications')
  })

  it('refuses a too short or malformed report as problem+json naming the field', async () => {
    const response = await report({ message: 'kurz', email: 'keine-adresse' })
    expect(response.status).toBe(422)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await response.json()) as { errors: { pointer?: string; field?: string }[] }
    expect(JSON.stringify(problem.errors)).toContain('message')
    expect(JSON.stringify(problem.errors)).toContain('email')
    expect((await report({ message: 'Ein Feld\u0000 mit NUL-Zeichen' })).status).toBe(422)
  })

  it(`takes at most ${maxPerClientPerHour} reports an hour from one address, then answers 429 with Retry-After`, async () => {
    for (let i = 0; i < maxPerClientPerHour; i++) {
      expect((await report({ message: `Barriere Nummer ${i} im Formular` }, '10.2.0.9')).status).toBe(202)
    }
    const refused = await report({ message: 'Noch eine Barriere im Formular' }, '10.2.0.9')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { type: string }).type).toContain('too-many-feedback-reports')
    expect((await report({ message: 'Von einer anderen Adresse aus' }, '10.2.0.10')).status).toBe(202)
  })
})
