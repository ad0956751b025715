import { type AgreementStatus, agreementNextStates } from '../contract/lifecycles.ts'
import type { Queries } from '../db/sql-client.ts'

export type { AgreementStatus }

// The lifecycle table lives in the contract, which the front end reads too, so the transition
// buttons and the API never disagree.
export const nextStates = agreementNextStates

/** Statuses in which the agreement is on the public map (the interim_uses view). */
export const publicStatuses: readonly AgreementStatus[] = ['active', 'ending']

/** Whether `from` → `to` is a step of the lifecycle. */
export function canTransition(from: AgreementStatus, to: AgreementStatus): boolean {
  return nextStates[from].includes(to)
}

/**
 * Makes the plots follow the agreement: in interim use once it is active; fallow again when it
 * ended or was terminated, unless built on meanwhile or still held by another running agreement.
 * Returns the ids of the plots whose status changed.
 */
export async function updatePlotsFor(
  sql: Queries,
  agreementId: number,
  to: AgreementStatus,
): Promise<number[]> {
  if (to === 'active') {
    const rows = await sql<{ id: number }[]>`
      update plots set status = 'interim_use'
       where id in (select plot_id from agreement_plots where agreement_id = ${agreementId})
         and status <> 'interim_use'
      returning id`
    return rows.map((row) => row.id)
  }
  if (to === 'ended' || to === 'terminated') {
    const rows = await sql<{ id: number }[]>`
      update plots p set status = 'fallow'
       where p.id in (select plot_id from agreement_plots where agreement_id = ${agreementId})
         and p.status not in ('developed', 'fallow')
         and not exists (select 1 from agreement_plots x join agreements a on a.id = x.agreement_id
                          where x.plot_id = p.id and a.id <> ${agreementId} and a.status in ('active', 'ending'))
      returning id`
    return rows.map((row) => row.id)
  }
  return []
}
