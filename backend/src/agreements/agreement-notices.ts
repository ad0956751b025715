import { agreementStatuses } from '../contract/vocabulary.ts'
import type { Queries } from '../db/sql-client.ts'
import { notifyUsers, ownerUsersOfAgreement } from '../notifications/notify.queries.ts'
import type { AgreementStatus } from './agreement-lifecycle.ts'

/** Tells the owner(s) of an agreement that its status changed; names only the agreement itself. */
export async function notifyAgreementStatus(
  sql: Queries,
  agreement: { id: number; name: string },
  status: AgreementStatus,
  reason: string | null = null,
): Promise<void> {
  const label = agreementStatuses[status]
  const why = reason ? `\nBegründung / reason: ${reason}` : ''
  await notifyUsers(sql, await ownerUsersOfAgreement(sql, agreement.id), {
    kind: `agreement.${status}`,
    subject: `Vereinbarung ${agreement.id}: ${label.de} / agreement ${agreement.id}: ${label.en}`,
    body: `Die Gestattungsvereinbarung „${agreement.name}“ (Nr. ${agreement.id}) ist jetzt: ${label.de}.\nThe interim-use agreement "${agreement.name}" (no. ${agreement.id}) is now: ${label.en}.${why}`,
    resource: `/api/agreements/${agreement.id}`,
  })
}
