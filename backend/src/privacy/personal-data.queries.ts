import { listAgreements } from '../agreements/agreements.queries.ts'
import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { listOffers } from '../offers/offers.queries.ts'

// Everything Quartiersatlas holds about one account (GDPR art. 15 and 20): the account, its
// party and contact, its offers, the agreements its party is party to (as a party sees them),
// its notifications and mails, its API tokens (never the secret), and the audit entries made by
// or about it.

/** The JSON export of everything held about user `userId`; undefined when there is no such user. */
export async function personalData(sql: Queries, userId: number) {
  const [account]: [({ party_id: number | null; email: string } & Record<string, unknown>)?] = await sql`
    select id, email, role, display_name, party_id, disabled_at, created_at, updated_at from users where id = ${userId}`
  if (!account) return undefined
  const asParty: CurrentUser = { id: userId, email: account.email, role: 'owner' }
  const [party] = account.party_id
    ? await sql`
        select p.id, p.kind, p.public_name, p.created_at,
               (select to_jsonb(pc) - 'party_id' from party_contacts pc where pc.party_id = p.id) as contact
          from parties p where p.id = ${account.party_id}`
    : []
  const offers = await listOffers(sql, asParty)
  const agreements = await listAgreements(sql, asParty)
  const notifications = await sql`
    select id, kind, subject, subject_en, body, body_en, resource, created_at, read_at from notifications
     where user_id = ${userId} order by id`
  const mails = await sql`
    select o.id, o.recipient, o.subject, o.body, o.created_at, o.sent_at from outbox o
     where o.notification_id in (select id from notifications where user_id = ${userId})
        or lower(o.recipient) = lower(${account.email})
     order by o.id`
  const apiTokens = await sql`
    select id, name, created_at, last_used_at, revoked_at from api_tokens where user_id = ${userId} order by id`
  const audit = await sql`
    select id, actor_id, action, table_name, row_id, at from audit_log
     where actor_id = ${userId}
        or (table_name = 'users' and row_id = ${userId})
        or (table_name in ('parties', 'party_contacts') and row_id = ${account.party_id ?? -1})
        or (table_name = 'offers' and row_id = any(${offers.map((o) => o.id)}::bigint[]))
        or (table_name = 'agreements' and row_id = any(${agreements.map((a) => a.id)}::bigint[]))
        or (table_name = 'agreement_documents' and row_id in (
              select id from agreement_documents where agreement_id = any(${agreements.map((a) => a.id)}::bigint[])))
     order by id`
  const erasures =
    await sql`select id, erased_at, summary from erasures where user_id = ${userId} order by id`
  return {
    exported_at: new Date().toISOString(),
    account,
    party: party ?? null,
    offers,
    agreements,
    notifications,
    mails,
    api_tokens: apiTokens,
    audit,
    erasures,
  }
}
