import type { Queries } from '../db/sql-client.ts'
import { offerStatuses } from '../layers/vocabulary.ts'
import { notifyUsers } from '../notifications/notify.queries.ts'
import type { OfferStatus } from './offers.schema.ts'

/** Tells the offer's owner that its status changed (in the app and through the outbox). */
export async function notifyOfferStatus(
  sql: Queries,
  offer: { id: number; title: string; owner_user_id: number | null },
  status: OfferStatus,
  reason: string | null = null,
): Promise<void> {
  if (offer.owner_user_id === null) return
  const label = offerStatuses[status]
  const why = reason ? `\nBegründung / reason: ${reason}` : ''
  await notifyUsers(sql, [offer.owner_user_id], {
    kind: `offer.${status}`,
    subject: `Flächenangebot ${offer.id}: ${label.de} / offer ${offer.id}: ${label.en}`,
    body: `Ihr Flächenangebot „${offer.title}“ (Nr. ${offer.id}) ist jetzt: ${label.de}.\nYour offer "${offer.title}" (no. ${offer.id}) is now: ${label.en}.${why}`,
    resource: `/api/offers/${offer.id}`,
  })
}
