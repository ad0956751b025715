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
  const why = { de: reason ? `\nBegründung: ${reason}` : '', en: reason ? `\nReason: ${reason}` : '' }
  await notifyUsers(sql, await ownerUsersOfAgreement(sql, agreement.id), {
    kind: `agreement.${status}`,
    subject: {
      de: `Vereinbarung ${agreement.id}: ${label.de}`,
      en: `Agreement ${agreement.id}: ${label.en}`,
    },
    body: {
      de: `Die Gestattungsvereinbarung „${agreement.name}“ (Nr. ${agreement.id}) ist jetzt: ${label.de}.${why.de}`,
      en: `The interim-use agreement "${agreement.name}" (no. ${agreement.id}) is now: ${label.en}.${why.en}`,
    },
    resource: `/api/agreements/${agreement.id}`,
  })
}
