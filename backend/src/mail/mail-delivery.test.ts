import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { raiseEndingSoonNotices } from '../agreements/ending-soon.queries.ts'
import { call } from '../agreements/interim-use.testing.ts'
import { activeAgreement, type Scenario } from '../agreements/interim-use-scenario.testing.ts'
import { createApp } from '../app.ts'
import { createSqlClient } from '../db/sql-client.ts'
import { notifyUsers } from '../notifications/notify.queries.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { createMailer, type MailerOptions } from './mailer.ts'
import { type Sink, startSmtpSink } from './smtp-sink.testing.ts'

const db = useTestDatabase()
const publicUrl = 'https://atlas.leipzig.test'
let sink: Sink
let options: MailerOptions

beforeAll(async () => {
  sink = await startSmtpSink()
  options = {
    smtpUrl: sink.url,
    from: 'Quartiersatlas <atlas@leipzig.test>',
    publicUrl,
    retryBaseSeconds: 60,
  }
})
afterAll(() => sink.close())

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address
const mailsTo = (address: string) => sink.received.filter((mail) => to(mail) === address)

async function deliver(): Promise<void> {
  const mailer = createMailer(db().sql, options)
  await mailer.deliverDue()
  mailer.close()
}

describe('e-mail delivery of the outbox', () => {
  let s: Scenario
  const marker = `THIRD${Math.random().toString(36).slice(2, 8).toUpperCase()}`

  it('sends every kind of notice in the recipient’s language, saying why and linking to the settings', async () => {
    const app = createApp(db())
    const { sql } = db()
    await sql`update outbox set sent_at = now() where sent_at is null`
    s = await activeAgreement(app, db(), marker)
    await sql`update users set language = 'en' where id = ${s.owner.id}`
    // The owner chooses English now (their earlier German mails are left out): later ones come in English.
    await sql`update outbox set sent_at = now() where recipient = ${s.owner.email}`
    await call(app, 'POST', `/api/agreements/${s.agreementId}/transitions`, {
      headers: s.planner.headers,
      json: { to: 'ending' },
    })
    expect(await raiseEndingSoonNotices(sql, 120)).toBeGreaterThan(0)
    await notifyUsers(sql, [s.owner.id], {
      kind: 'offer.changes_requested',
      subject: { de: 'Flächenangebot: Änderungen erbeten', en: 'Offer: changes requested' },
      body: { de: 'Bitte ergänzen.', en: 'Please add to it.' },
      resource: `/api/offers/${s.offerId}`,
    })
    await deliver()

    const owner = mailsTo(s.owner.email).sort((a, b) => (a.subject ?? '').localeCompare(b.subject ?? ''))
    expect(owner.map((mail) => mail.subject)).toEqual([
      `Agreement ${s.agreementId} ends on 2030-12-31`,
      `Agreement ${s.agreementId}: ending`,
      'Offer: changes requested',
    ])
    for (const mail of owner) {
      expect(mail.text).toContain('You receive this e-mail because')
      expect(mail.text).toContain(`${publicUrl}/?workspace=notifications&lang=en`)
      expect(mail.html).toContain(`href="${publicUrl}/?workspace=notifications&amp;lang=en"`)
    }
    expect(owner[0]?.text).toContain('a party of this interim-use agreement or the planner')
    expect(owner[1]?.text).toContain('owner party of this interim-use agreement')
    expect(owner[2]?.text).toContain('because you submitted this offer')

    const planner = mailsTo(s.planner.email)
    const subjects = planner.map((mail) => mail.subject)
    expect(subjects).toContain(`Flächenangebot ${s.offerId} prüfen`)
    expect(subjects).toContainEqual(expect.stringMatching(`^Vereinbarung ${s.agreementId} endet am`))
    for (const mail of planner) {
      expect(mail.text).toContain('Sie erhalten diese E-Mail, weil Sie')
      expect(mail.text).toContain(`${publicUrl}/?workspace=notifications\n`)
      expect(mail.html).toContain(`<html lang="de">`)
    }
    const [unsent] = await sql<
      { count: number }[]
    >`select count(*)::int as count from outbox where sent_at is null`
    expect(unsent?.count).toBe(0)
  })

  it('puts no third party’s personal data into any mail', async () => {
    const needles = [marker.toLowerCase(), 'mediator@example.org', s.owner.email]
    const leaks = sink.received.flatMap((mail) => {
      const text = `${mail.subject}\n${mail.text}\n${mail.html}`.toLowerCase()
      const own = to(mail) ?? ''
      return needles.filter((needle) => needle !== own && text.includes(needle)).map((n) => `${own}: ${n}`)
    })
    expect(leaks).toEqual([])
  })

  it('keeps a notice in the app only when its kind has e-mail turned off', async () => {
    const app = createApp(db())
    const off = await call(app, 'PUT', '/api/notifications/mail', {
      headers: s.owner.headers,
      json: { email: { 'agreement-status': false } },
    })
    expect(off.body).toMatchObject({
      language: 'en',
      email: { 'agreement-status': false, 'offer-status': true },
    })
    const refused = await call(app, 'PUT', '/api/notifications/mail', {
      headers: s.owner.headers,
      json: { email: { 'planet-status': false } },
    })
    expect(refused.status).toBe(422)
    const before = mailsTo(s.owner.email).length
    await call(app, 'POST', `/api/agreements/${s.agreementId}/transitions`, {
      headers: s.planner.headers,
      json: { to: 'ended' },
    })
    await deliver()
    expect(mailsTo(s.owner.email)).toHaveLength(before)
    const notices = await call(app, 'GET', '/api/notifications', { headers: s.owner.headers })
    expect(notices.body.notifications[0]).toMatchObject({ kind: 'agreement.ended' })
  })

  it('tries again later, with a growing wait, when the server refuses for now', async () => {
    const { sql } = db()
    await notifyUsers(sql, [s.planner.id], {
      kind: 'offer.review',
      subject: { de: 'Flächenangebot 1 prüfen', en: 'Review offer 1' },
      body: { de: 'Bitte prüfen.', en: 'Please review.' },
      resource: '/api/offers/1',
    })
    const [queued] = await sql<{ id: number }[]>`
      select id from outbox where recipient = ${s.planner.email} and sent_at is null`
    const id = Number(queued?.id)
    const mine = () => sink.received.filter((m) => m.messageId === `<outbox.${id}@atlas.leipzig.test>`)
    const state = async () => {
      const [row] = await sql<{ attempts: number; sent: boolean; wait: number }[]>`
        select attempts, sent_at is not null as sent,
               extract(epoch from next_attempt_at - now())::int as wait
          from outbox where id = ${id}`
      return row
    }
    sink.refuse = 451
    await deliver()
    expect(await state()).toMatchObject({ attempts: 1, sent: false })
    expect((await state())?.wait).toBeGreaterThan(50)
    sink.refuse = undefined
    await deliver()
    expect(mine()).toHaveLength(0)
    sink.refuse = 451
    await sql`update outbox set next_attempt_at = now() where id = ${id}`
    await deliver()
    expect(await state()).toMatchObject({ attempts: 2, sent: false })
    expect((await state())?.wait).toBeGreaterThan(110)
    sink.refuse = undefined
    await sql`update outbox set next_attempt_at = now() where id = ${id}`
    await deliver()
    expect(await state()).toMatchObject({ attempts: 3, sent: true })
    expect(mine()).toHaveLength(1)
  })

  it('gives a mail up when the server refuses it for good', async () => {
    const { sql } = db()
    await notifyUsers(sql, [s.planner.id], {
      kind: 'offer.review',
      subject: { de: 'Flächenangebot 2 prüfen', en: 'Review offer 2' },
      body: { de: 'Bitte prüfen.', en: 'Please review.' },
      resource: '/api/offers/2',
    })
    sink.refuse = 550
    await deliver()
    sink.refuse = undefined
    const [row] = await sql<{ attempts: number; sent: boolean; failed: boolean; last_error: string }[]>`
      select attempts, sent_at is not null as sent, failed_at is not null as failed, last_error
        from outbox where recipient = ${s.planner.email} order by id desc limit 1`
    expect(row).toEqual({ attempts: 1, sent: false, failed: true, last_error: 'SMTP 550' })
    await sql`update outbox set next_attempt_at = now() where failed_at is not null`
    const mailer = createMailer(sql, options)
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 })
    mailer.close()
  })

  it('sends each mail once when two mailers share the database', async () => {
    const { sql } = db()
    const url = (db() as { url?: string }).url
    const second = url ? createSqlClient(url, { max: 2 }) : sql
    const users = await sql<{ id: number }[]>`select id from users where disabled_at is null order by id`
    for (let round = 0; round < 5; round += 1) {
      await notifyUsers(
        sql,
        users.map((user) => user.id),
        {
          kind: 'offer.review',
          subject: { de: `Runde ${round}`, en: `Round ${round}` },
          body: { de: 'Bitte prüfen.', en: 'Please review.' },
          resource: '/api/offers/1',
        },
      )
    }
    const queued = await sql<
      { id: number }[]
    >`select id from outbox where sent_at is null and failed_at is null`
    expect(queued.length).toBeGreaterThan(20)
    const before = sink.received.length
    const a = createMailer(sql, { ...options, batch: 3 })
    const b = createMailer(second, { ...options, batch: 3 })
    const [ra, rb] = await Promise.all([a.deliverDue(), b.deliverDue()])
    a.close()
    b.close()
    if (second !== sql) await second.end()
    expect(ra.sent).toBeGreaterThan(0)
    expect(rb.sent).toBeGreaterThan(0)
    const ids = sink.received.slice(before).map((mail) => mail.messageId)
    expect(ids).toHaveLength(queued.length)
    expect(new Set(ids).size).toBe(queued.length)
  })
})
