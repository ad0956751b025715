import type { Sql, Tx } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'
import { ensureOwnerParty } from '../offers/offers.queries.ts'
import { type Account, insertAccount } from '../users/accounts.queries.ts'
import { hashPassword } from './passwords.ts'
import { newSecret, secretHash } from './secrets.ts'

// Registration answers the same whether or not an address has an account: the address gets a
// mail either way (a confirmation link, or a notice that it is registered already), and only the
// link creates the account. At most 10 registrations per client address and 3 per e-mail within an
// hour: enough for an office behind one address, too few to spam mailboxes through the outbox.
export const maxPerClient = 10
export const maxPerEmail = 3
export const confirmationHours = 24

export type Registration = {
  email: string
  password: string
  role: 'owner' | 'resident'
  display_name?: string | null
  organisation?: string
}

/**
 * Records a registration and queues its mail in the outbox; `origin` is where the link points.
 * 429 with Retry-After when the address or the e-mail has registered too often this hour.
 */
export async function requestRegistration(
  sql: Sql,
  input: Registration,
  client: string,
  origin: string,
): Promise<void> {
  // Hashed whether or not the address has an account, so both answers take the same time.
  const passwordHash = await hashPassword(input.password)
  const token = newSecret()
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${`register-client:${client}`}, 0))`
    await tx`select pg_advisory_xact_lock(hashtextextended(${`register-email:${input.email.toLowerCase()}`}, 0))`
    await refuseOverLimit(tx, input.email, client)
    await tx`delete from registrations where created_at < now() - make_interval(hours => ${confirmationHours})`
    const [existing] = await tx<
      { id: number }[]
    >`select id from users where lower(email) = lower(${input.email})`
    if (existing) {
      await tx`insert into registrations (email, client) values (${input.email}, ${client})`
      await tx`
        insert into outbox (recipient, kind, subject, body)
        values (${input.email}, 'account.exists', 'Quartiersatlas: Ihre Adresse hat schon ein Konto',
                ${`Jemand hat mit dieser E-Mail-Adresse ein Konto bei Quartiersatlas angelegt, doch es gibt schon eines. Melden Sie sich dort an: ${origin}/\n\nWaren Sie das nicht, können Sie diese Nachricht ignorieren; es wurde nichts geändert.`})`
      return
    }
    await tx`
      insert into registrations (email, client, token_hash, password_hash, role, display_name, organisation)
      values (${input.email}, ${client}, ${secretHash(token)}, ${passwordHash}, ${input.role},
              ${input.display_name ?? null}, ${input.organisation ?? null})`
    await tx`
      insert into outbox (recipient, kind, subject, body)
      values (${input.email}, 'account.confirm', 'Quartiersatlas: Bitte bestätigen Sie Ihre E-Mail-Adresse',
              ${`Bitte bestätigen Sie Ihr neues Konto bei Quartiersatlas mit diesem Link (${confirmationHours} Stunden gültig):\n\n${confirmationLink(origin, token)}\n\nWaren Sie das nicht, können Sie diese Nachricht ignorieren; ohne Bestätigung entsteht kein Konto.`})`
  })
}

/** The link in the confirmation mail; the token rides in the fragment, which browsers never send. */
export function confirmationLink(origin: string, token: string): string {
  return `${origin}/#confirm=${token}`
}

async function refuseOverLimit(tx: Tx, email: string, client: string): Promise<void> {
  const [counts] = await tx<{ by_client: number; by_email: number; wait: number }[]>`
    select count(*) filter (where client = ${client})::int as by_client,
           count(*) filter (where lower(email) = lower(${email}))::int as by_email,
           coalesce(extract(epoch from min(created_at) + interval '1 hour' - now()), 0)::float8 as wait
      from registrations
     where created_at > now() - interval '1 hour' and (client = ${client} or lower(email) = lower(${email}))`
  if (!counts || (counts.by_client < maxPerClient && counts.by_email < maxPerEmail)) return
  const retryAfter = Math.max(1, Math.ceil(counts.wait))
  throw new Problem(
    429,
    'too-many-registrations',
    'Too many registrations',
    `at most ${maxPerClient} registrations per hour from one address and ${maxPerEmail} for one e-mail; try again in ${Math.ceil(retryAfter / 60)} minutes`,
    { retry_after_seconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  )
}

/**
 * Creates the account of a registration from its mailed token, with the organisation it named
 * (unconfirmed until a planner confirms it); the token and any other pending link for the
 * address stop working. 400 for an unknown, used or expired token; 409 when the address got an
 * account meanwhile.
 */
export async function confirmRegistration(sql: Sql, token: string): Promise<Account> {
  return sql.begin(async (tx) => {
    const [pending] = await tx<
      (Required<Omit<Registration, 'password'>> & { id: number; password_hash: string })[]
    >`
      select id, email, password_hash, role, display_name, organisation from registrations
       where token_hash = ${secretHash(token)} and confirmed_at is null and expires_at > now()
       for update`
    if (!pending) {
      throw new Problem(
        400,
        'invalid-confirmation',
        'This confirmation link is not valid',
        `the link was used already or is older than ${confirmationHours} hours; register again`,
      )
    }
    await tx`
      update registrations set confirmed_at = now() where id = ${pending.id}`
    await tx`
      update registrations set token_hash = null, password_hash = null
       where lower(email) = lower(${pending.email}) and (id = ${pending.id} or confirmed_at is null)`
    const account = await insertAccount(
      tx,
      { email: pending.email, role: pending.role, display_name: pending.display_name },
      pending.password_hash,
    )
    if (pending.organisation === null) return account
    return { ...account, party_id: await ensureOwnerParty(tx, account.id, pending.organisation) }
  })
}
