import { audit } from '../access/audit.queries.ts'
import { assertMayActOn } from '../access/visibility.ts'
import {
  type Agreement,
  type AgreementPartyInput,
  agreementColumns,
  type NewAgreement,
} from '../contract/agreements.schema.ts'
import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { findOffer } from '../offers/offers.queries.ts'
import { notifyAgreementStatus } from './agreement-notices.ts'
import {
  findAgreement,
  insertAgreement,
  setAgreementParties,
  setAgreementPlots,
} from './agreements.queries.ts'

// An offer's allowed uses in the words of agreements (an art offer becomes an open-air gallery).
const useOfOffer: Record<string, string> = { art: 'open_air_gallery' }

/**
 * Creates a draft agreement from an accepted offer (its plot, its owner as owner party, its
 * title and first use as defaults) and/or from plots, with parties and terms.
 */
export async function createAgreement(
  tx: Queries,
  user: CurrentUser,
  input: NewAgreement,
): Promise<Agreement> {
  const values: Record<string, unknown> = Object.fromEntries(
    agreementColumns.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]),
  )
  const plotIds = [...(input.plot_ids ?? [])]
  const parties: AgreementPartyInput[] = [...(input.parties ?? [])]
  if (input.offer_id !== undefined) {
    const offer = await findOffer(tx, user, input.offer_id)
    if (!offer)
      throw new Problem(
        422,
        'unknown-offer',
        'Offer not found',
        `there is no offer ${input.offer_id} that you may see`,
      )
    if (offer.status !== 'accepted' || offer.plot_id === null) {
      throw new Problem(
        409,
        'offer-not-accepted',
        'Accept the offer first',
        `offer ${offer.id} is ${offer.status}; an agreement is made from an accepted offer, whose plot it covers`,
      )
    }
    if (!plotIds.includes(offer.plot_id)) plotIds.unshift(offer.plot_id)
    const ownerListed = parties.some((p) => p.party_id === offer.owner_party_id && p.role === 'owner')
    if (offer.owner_party_id !== null && !ownerListed)
      parties.unshift({ party_id: offer.owner_party_id, role: 'owner' })
    values.offer_id = offer.id
    // Not the owner's title: the name becomes public with the interim use, the title may name a person.
    values.name ??= `Zwischennutzung Angebotsfläche ${offer.id}`
    const firstUse = offer.allowed_uses[0]
    if (values.use === undefined && firstUse) values.use = useOfOffer[firstUse] ?? firstUse
  }
  if (values.name === undefined) {
    throw new Problem(422, 'invalid-fields', 'Invalid fields', 'name: a name is required', {
      errors: [{ field: 'name', message: 'a name is required' }],
    })
  }
  await assertMayActOn(tx, user, plotIds)
  const id = await insertAgreement(tx, user, values)
  await setAgreementPlots(tx, id, plotIds)
  const partyIds = await setAgreementParties(tx, id, parties)
  await audit(tx, user, 'create', 'agreements', [id])
  const created = parties.filter((p) => p.party?.contact).length > 0
  if (created) await audit(tx, user, 'create', 'party_contacts', partyIds)
  const agreement = (await findAgreement(tx, user, id)) as Agreement
  await notifyAgreementStatus(tx, agreement, 'draft')
  return agreement
}
