import { audit } from '../access/audit.queries.ts'
import type { Queries } from '../db/sql-client.ts'

// Erasure on request (GDPR art. 17). Removed or anonymised: the account's e-mail, name,
// password, sessions and tokens; the party's contact; the texts of the person's offers (offers
// never accepted are deleted, accepted ones stay as the origin of their plot, without title or
// conditions) and those texts in the change history; notifications and queued mails; failed
// sign-ins and registrations under the e-mail. Kept by rule: agreements the party is party to (their existence,
// dates, plots, terms, notes and documents are the contract record, with the party now
// anonymous), the plots, and the audit log, which holds ids only. The erasure itself is
// recorded in `erasures` and the audit log.

export type ErasureSummary = {
  contact_deleted: boolean
  offers_deleted: number
  offers_anonymised: number
  notifications_deleted: number
  mails_deleted: number
  history_rows_scrubbed: number
}

/** Erases user `userId`'s personal data on behalf of `requestedBy`; undefined when there is no such user. */
export async function eraseUser(
  sql: Queries,
  userId: number,
  requestedBy: number,
): Promise<ErasureSummary | undefined> {
  const [user] = await sql<{ email: string; party_id: number | null }[]>`
    select email, party_id from users where id = ${userId} for update`
  if (!user) return undefined
  const contact = user.party_id
    ? await sql`delete from party_contacts where party_id = ${user.party_id} returning party_id`
    : []
  const offerIds = (await sql<{ id: number }[]>`select id from offers where owner_user_id = ${userId}`).map(
    (o) => o.id,
  )
  const deleted = await sql`
    delete from offers where owner_user_id = ${userId} and status <> 'accepted' returning id`
  const anonymised = await sql`
    update offers set title = 'Flächenangebot', conditions = null, review_reason = null
     where owner_user_id = ${userId} returning id`
  const scrubbed = await sql`
    update history set before = before - array['title', 'conditions', 'review_reason'],
                       after = after - array['title', 'conditions', 'review_reason']
     where table_name = 'offers' and row_id = any(${offerIds}::bigint[])
    returning id`
  const mails = await sql`
    delete from outbox
     where notification_id in (select id from notifications where user_id = ${userId})
        or lower(recipient) = lower(${user.email})
    returning id`
  const notifications = await sql`delete from notifications where user_id = ${userId} returning id`
  await sql`delete from login_failures where lower(email) = lower(${user.email})`
  await sql`delete from registrations where lower(email) = lower(${user.email})`
  await sql`delete from sessions where user_id = ${userId}`
  await sql`delete from api_tokens where user_id = ${userId}`
  await sql`
    update users set email = ${`erased-${userId}@erased.invalid`}, display_name = null, password_hash = null,
           disabled_at = coalesce(disabled_at, now())
     where id = ${userId}`
  const summary: ErasureSummary = {
    contact_deleted: contact.length > 0,
    offers_deleted: deleted.length,
    offers_anonymised: anonymised.length,
    notifications_deleted: notifications.length,
    mails_deleted: mails.length,
    history_rows_scrubbed: scrubbed.length,
  }
  await sql`insert into erasures (user_id, requested_by, summary) values (${userId}, ${requestedBy}, ${sql.json(summary)})`
  await audit(sql, { id: requestedBy }, 'erase', 'users', [userId])
  return summary
}
