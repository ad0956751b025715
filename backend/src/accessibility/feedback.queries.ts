import type { FeedbackInput } from '../contract/accessibility.schema.ts'
import type { Sql } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'
import { notifyUsers } from '../notifications/notify.queries.ts'

// A report of a barrier is stored and reaches every admin as a notification and, through the
// outbox, as a mail. At most 5 reports per client address within an hour, counted under an
// advisory lock as registrations are: enough for a person with a list of barriers, too few to
// flood the admins' mailboxes.
export const maxPerClientPerHour = 5

/** Stores a report, notifies the admins and returns its id; 429 with Retry-After over the limit. */
export async function receiveFeedback(sql: Sql, input: FeedbackInput, client: string): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${`feedback-client:${client}`}, 0))`
    const [recent] = await tx<{ count: number; wait: number }[]>`
      select count(*)::int as count,
             coalesce(extract(epoch from min(created_at) + interval '1 hour' - now()), 0)::float8 as wait
        from accessibility_feedback
       where client = ${client} and created_at > now() - interval '1 hour'`
    if (recent && recent.count >= maxPerClientPerHour) {
      const retryAfter = Math.max(1, Math.ceil(recent.wait))
      throw new Problem(
        429,
        'too-many-feedback-reports',
        'Too many reports',
        `at most ${maxPerClientPerHour} reports per hour from one address; try again in ${Math.ceil(retryAfter / 60)} minutes or write to the contact named in the statement`,
        { retry_after_seconds: retryAfter },
        { 'Retry-After': String(retryAfter) },
      )
    }
    const [stored] = await tx<{ id: number }[]>`
      insert into accessibility_feedback (message, page, email, language, client)
      values (${input.message}, ${input.page ?? null}, ${input.email ?? null}, ${input.language}, ${client})
      returning id`
    const id = Number(stored?.id)
    const admins = await tx<
      { id: number }[]
    >`select id from users where role = 'admin' and disabled_at is null`
    const where = input.page ? `\n\nSeite / page: ${input.page}` : ''
    const reply = input.email ?? '—'
    await notifyUsers(
      tx,
      admins.map((admin) => admin.id),
      {
        kind: 'accessibility.feedback',
        subject: {
          de: `Barriere gemeldet (Nr. ${id})`,
          en: `Barrier reported (no. ${id})`,
        },
        body: {
          de: `Eine Rückmeldung zur Barrierefreiheit ist eingegangen. Bitte antworten Sie innerhalb von sechs Wochen.\n\n${input.message}${where}\n\nAntwort an: ${reply}`,
          en: `A report about accessibility has arrived. Please answer within six weeks.\n\n${input.message}${where}\n\nReply to: ${reply}`,
        },
        resource: `/api/accessibility/feedback/${id}`,
      },
    )
    return id
  })
}
