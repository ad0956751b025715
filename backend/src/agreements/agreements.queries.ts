import { agreementVisible } from '../access/visibility.ts'
import type { Agreement, AgreementPartyInput } from '../contract/agreements.schema.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { saveContact } from '../offers/offers.queries.ts'

/** Whether the caller sees the planners' view (notes, contacts, who made each step). */
export const isStaff = (user: CurrentUser) => user.role === 'admin' || user.role === 'planner'

function selectAgreements(sql: Queries, user: CurrentUser) {
  const staff = isStaff(user)
  return sql`
    select a.id, a.municipality, a.name, a.use, a.status, a.term_start, a.term_end, a.notice_period_months,
           a.public_access, a.upkeep_by, a.insurance_by, a.clearance_paid_by, a.conditions,
           ${staff ? sql`a.internal_notes,` : sql``} a.description, a.offer_id,
           coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'status', p.status, 'area_m2', p.area_m2) order by p.id)
                       from agreement_plots x join plots p on p.id = x.plot_id where x.agreement_id = a.id), '[]') as plots,
           coalesce((select jsonb_agg(jsonb_build_object('party_id', p.id, 'role', x.role, 'kind', p.kind, 'public_name', p.public_name
                       ${staff ? sql`, 'contact', (select to_jsonb(pc) - 'party_id' - 'updated_at' from party_contacts pc where pc.party_id = p.id)` : sql``})
                       order by x.role, p.id)
                       from agreement_parties x join parties p on p.id = x.party_id where x.agreement_id = a.id), '[]') as parties,
           coalesce((select jsonb_agg(jsonb_build_object('from_status', t.from_status, 'to_status', t.to_status, 'reason', t.reason,
                       'changed_at', t.changed_at ${staff ? sql`, 'changed_by', t.changed_by` : sql``}) order by t.changed_at, t.id)
                       from agreement_transitions t where t.agreement_id = a.id), '[]') as transitions,
           coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'filename', d.filename, 'size_bytes', d.size_bytes,
                       'uploaded_at', d.uploaded_at) order by d.id)
                       from agreement_documents d where d.agreement_id = a.id), '[]') as documents,
           a.version, a.created_at, a.updated_at
      from agreements a
     where ${agreementVisible(sql, user)}`
}

/** The agreements `user` may see, newest first, optionally of one status. */
export function listAgreements(sql: Queries, user: CurrentUser, status?: string): Promise<Agreement[]> {
  return sql<Agreement[]>`
    ${selectAgreements(sql, user)} ${status ? sql`and a.status = ${status}` : sql``}
    order by a.created_at desc, a.id desc`
}

/** One agreement if `user` may see it; `lock` holds it for the rest of the transaction. */
export async function findAgreement(
  sql: Queries,
  user: CurrentUser,
  id: number,
  lock = false,
): Promise<Agreement | undefined> {
  const [row]: [Agreement?] = await sql`
    ${selectAgreements(sql, user)} and a.id = ${id} ${lock ? sql`for update of a` : sql``}`
  return row
}

/** Inserts an agreement in draft with its first, dated and attributed step; returns its id. */
export async function insertAgreement(
  sql: Queries,
  user: CurrentUser,
  values: Record<string, unknown>,
): Promise<number> {
  const names = identifiers(sql, Object.keys(values))
  const [row] = await sql<{ id: number }[]>`
    insert into agreements (${names})
    select ${names} from jsonb_populate_record(null::agreements, ${sql.json(values as never)})
    returning id`
  if (!row) throw new Error('insert into agreements returned no row')
  await sql`
    insert into agreement_transitions (agreement_id, from_status, to_status, changed_by)
    values (${row.id}, null, 'draft', ${user.id})`
  return row.id
}

/** Replaces the agreement's plots. */
export async function setAgreementPlots(
  sql: Queries,
  agreementId: number,
  plotIds: readonly number[],
): Promise<void> {
  await sql`delete from agreement_plots where agreement_id = ${agreementId}`
  const rows = await sql`
    insert into agreement_plots (agreement_id, plot_id)
    select ${agreementId}, id from plots where id = any(${[...new Set(plotIds)]}::bigint[])
    returning plot_id`
  if (rows.length !== new Set(plotIds).size) {
    throw new Problem(
      422,
      'unknown-plot',
      'A plot does not exist',
      `plots ${plotIds.join(', ')}: not all exist`,
    )
  }
}

/** Replaces the agreement's parties, creating new ones (with their private contact); returns the party ids. */
export async function setAgreementParties(
  sql: Queries,
  agreementId: number,
  parties: readonly AgreementPartyInput[],
): Promise<number[]> {
  await sql`delete from agreement_parties where agreement_id = ${agreementId}`
  const ids: number[] = []
  for (const item of parties) {
    let partyId = item.party_id
    if (item.party) {
      const [created] = await sql<{ id: number }[]>`
        insert into parties (kind, public_name) values (${item.party.kind}, ${item.party.public_name ?? null}) returning id`
      partyId = created?.id
      if (partyId && item.party.contact) await saveContact(sql, partyId, item.party.contact)
    }
    if (!partyId) continue
    await sql`
      insert into agreement_parties (agreement_id, party_id, role) values (${agreementId}, ${partyId}, ${item.role})
      on conflict do nothing`
    ids.push(partyId)
  }
  return ids
}
