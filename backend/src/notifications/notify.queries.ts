import type { Queries } from '../db/sql-client.ts'
import { topicOf } from '../mail/mail-topics.ts'

/** A text in both languages of Quartiersatlas. */
export type Bilingual = { de: string; en: string }

export type Notice = {
  /** A stable kind for the UI, e.g. 'offer.accepted', 'agreement.active', 'agreement.ending_soon'. */
  kind: string
  subject: Bilingual
  /** Text for the recipient only: about their own offer or agreement, never about other persons. */
  body: Bilingual
  /** The API path of the thing it is about, e.g. /api/offers/12. */
  resource: string
  /** With a key, a user gets this notice at most once (scheduled reminders). */
  dedupeKey?: string
}

/**
 * Notifies users in the app (German and English in columns of their own) and queues one mail per new notification in the
 * outbox, in the recipient's language, unless they turned e-mail off for this kind of notice;
 * returns how many notifications were created (a repeated dedupe key creates none).
 */
export async function notifyUsers(sql: Queries, userIds: readonly number[], notice: Notice): Promise<number> {
  if (userIds.length === 0) return 0
  const created = await sql<{ id: number }[]>`
    with recipients as (
      select id, email, language from users
       where id = any(${[...new Set(userIds)]}::bigint[]) and disabled_at is null
    ), inserted as (
      insert into notifications (user_id, kind, subject, subject_en, body, body_en, resource, dedupe_key)
      select id, ${notice.kind}, ${notice.subject.de}, ${notice.subject.en},
             ${notice.body.de}, ${notice.body.en}, ${notice.resource}, ${notice.dedupeKey ?? null}
        from recipients
      on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
      returning id, user_id
    ), mailed as (
      insert into outbox (notification_id, recipient, kind, language, subject, body)
      select i.id, r.email, ${notice.kind}, r.language,
             case r.language when 'en' then ${notice.subject.en} else ${notice.subject.de} end,
             case r.language when 'en' then ${notice.body.en} else ${notice.body.de} end
        from inserted i join recipients r on r.id = i.user_id
       where not exists (select 1 from mail_opt_outs m where m.user_id = r.id and m.topic = ${topicOf(notice.kind)})
    )
    select id from inserted`
  return created.length
}

/** The accounts that speak for the owner parties of an agreement. */
export async function ownerUsersOfAgreement(sql: Queries, agreementId: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select distinct u.id from agreement_parties ap join users u on u.party_id = ap.party_id
     where ap.agreement_id = ${agreementId} and ap.role = 'owner'`
  return rows.map((row) => row.id)
}
