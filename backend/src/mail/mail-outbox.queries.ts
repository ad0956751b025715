import type { Queries } from '../db/sql-client.ts'

export type Language = 'de' | 'en'

export type OutgoingMail = {
  id: number
  recipient: string
  kind: string
  language: Language
  subject: string
  body: string
  /** This attempt's number, from 1. */
  attempts: number
}

/**
 * Claims up to `limit` due mails for `worker` until its lease runs out. SKIP LOCKED lets replicas
 * claim side by side without waiting; the lease keeps a claimed mail from the others while it
 * is sent, and gives it back if its mailer died.
 */
export async function claimDue(
  sql: Queries,
  worker: string,
  limit: number,
  leaseSeconds: number,
): Promise<OutgoingMail[]> {
  return sql<OutgoingMail[]>`
    update outbox o
       set claimed_by = ${worker}, claimed_until = now() + make_interval(secs => ${leaseSeconds}),
           attempts = o.attempts + 1
     where o.id in (
           select id from outbox
            where sent_at is null and failed_at is null and next_attempt_at <= now()
              and (claimed_until is null or claimed_until < now())
            order by next_attempt_at, id
            limit ${limit}
              for update skip locked)
    returning o.id, o.recipient, o.kind, o.language, o.subject, o.body, o.attempts`
}

/** Records that the SMTP server accepted the mail. */
export async function markSent(sql: Queries, id: number, worker: string): Promise<void> {
  await sql`
    update outbox set sent_at = now(), claimed_until = null, last_error = null
     where id = ${id} and claimed_by = ${worker}`
}

/** Records a failed attempt: try again after `retryInSeconds`, or never again when `permanent`. */
export async function markFailed(
  sql: Queries,
  id: number,
  worker: string,
  failure: { error: string; permanent: boolean; retryInSeconds: number },
): Promise<void> {
  await sql`
    update outbox
       set claimed_until = null, last_error = ${failure.error},
           next_attempt_at = now() + make_interval(secs => ${failure.retryInSeconds}),
           failed_at = ${failure.permanent ? sql`now()` : null}
     where id = ${id} and claimed_by = ${worker}`
}

/** Gives back claimed mails this worker will not try now (its lease would run out meanwhile). */
export async function releaseClaims(sql: Queries, ids: readonly number[], worker: string): Promise<void> {
  await sql`
    update outbox set claimed_until = null, attempts = attempts - 1
     where id = any(${[...ids]}::bigint[]) and claimed_by = ${worker} and sent_at is null`
}
