import type { OfferStatus } from '../contract/offers.schema.ts'
import { offerStatuses } from '../contract/vocabulary.ts'
import type { Queries } from '../db/sql-client.ts'
import { notifyUsers } from '../notifications/notify.queries.ts'

/** Tells the offer's owner that its status changed (in the app and through the outbox). */
export async function notifyOfferStatus(
  sql: Queries,
  offer: { id: number; title: string; owner_user_id: number | null },
  status: OfferStatus,
  reason: string | null = null,
): Promise<void> {
  if (offer.owner_user_id === null) return
  const label = offerStatuses[status]
  const why = { de: reason ? `\nBegründung: ${reason}` : '', en: reason ? `\nReason: ${reason}` : '' }
  await notifyUsers(sql, [offer.owner_user_id], {
    kind: `offer.${status}`,
    subject: { de: `Flächenangebot ${offer.id}: ${label.de}`, en: `Offer ${offer.id}: ${label.en}` },
    body: {
      de: `Ihr Flächenangebot „${offer.title}“ (Nr. ${offer.id}) ist jetzt: ${label.de}.${why.de}`,
      en: `Your offer "${offer.title}" (no. ${offer.id}) is now: ${label.en}.${why.en}`,
    },
    resource: `/api/offers/${offer.id}`,
  })
}

/**
 * Tells the planners who work where an offer lies that it waits for their review (new or
 * revised). Names only the offer's number: its title may name the owner, whose data stays with
 * the offer and is erased with it.
 */
export async function notifyReviewers(sql: Queries, offerId: number, revised: boolean): Promise<void> {
  const planners = await sql<{ id: number }[]>`
    select u.id from users u, offers o left join plots p on p.id = o.plot_id
     where o.id = ${offerId} and u.role = 'planner' and u.disabled_at is null
       and planner_may_act(u.id, coalesce(o.geom, p.geom))`
  const what = revised
    ? { de: 'überarbeitet', en: 'revised' }
    : { de: 'neu eingereicht', en: 'newly submitted' }
  await notifyUsers(
    sql,
    planners.map((planner) => planner.id),
    {
      kind: 'offer.review',
      subject: { de: `Flächenangebot ${offerId} prüfen`, en: `Review offer ${offerId}` },
      body: {
        de: `Das Flächenangebot Nr. ${offerId} ist ${what.de} und wartet auf Ihre Prüfung.`,
        en: `Offer no. ${offerId} is ${what.en} and waits for your review.`,
      },
      resource: `/api/offers/${offerId}`,
    },
  )
}
