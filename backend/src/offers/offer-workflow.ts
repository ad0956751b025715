import { audit } from '../access/audit.queries.ts'
import { offerNextStates, offerStatusesBefore } from '../contract/lifecycles.ts'
import type { NewOffer, Offer, OfferPatch, OfferStatus } from '../contract/offers.schema.ts'
import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { expectVersion, type IfMatch } from '../http/version-match.ts'
import { notifyOfferStatus, notifyReviewers } from './offer-notices.ts'
import { offerNotFound, offerRecord } from './offer-params.ts'
import {
  ensureOwnerParty,
  findOffer,
  insertOffer,
  saveContact,
  setOfferStatus,
  updateOffer,
} from './offers.queries.ts'
import { type PlotChange, plotFromOffer } from './plot-from-offer.queries.ts'

// The offer workflow: each step checks the offer's state against offerNextStates (the contract's
// table), writes, audits and notifies, inside the caller's transaction (writeAs). The routes only
// parse, call one of these and respond.

/** Statuses in which the owner may still change an offer (revising submits it again). */
const editable = offerStatusesBefore('submitted')
/** Statuses in which the planners may decide on an offer. */
const reviewable = offerStatusesBefore('accepted')

/** The offer as the caller may see it, locked for the step; 404 when there is none. */
async function current(tx: Queries, user: CurrentUser, id: number): Promise<Offer> {
  const offer = await findOffer(tx, user, id, true)
  if (!offer) throw offerNotFound(id)
  return offer
}

const reread = async (tx: Queries, user: CurrentUser, id: number) => (await findOffer(tx, user, id)) as Offer

/** An owner offers land: the owner's party, its contact, the offer, and notices to planners. */
export async function submitOffer(tx: Queries, user: CurrentUser, input: NewOffer): Promise<Offer> {
  const partyId = await ensureOwnerParty(tx, user.id, input.organisation)
  if (input.contact) await saveContact(tx, partyId, input.contact)
  const id = await insertOffer(tx, user.id, partyId, input)
  const created = await reread(tx, user, id)
  await audit(tx, user, 'create', 'offers', [id])
  if (input.contact) await audit(tx, user, 'update', 'party_contacts', [partyId])
  await notifyOfferStatus(tx, created, 'submitted')
  await notifyReviewers(tx, id, false)
  return created
}

/** The owner revises an offer read at a version `expected` accepts, which submits it again. */
export async function reviseOffer(
  tx: Queries,
  user: CurrentUser,
  id: number,
  expected: IfMatch,
  patch: OfferPatch,
): Promise<Offer> {
  const offer = await current(tx, user, id)
  expectVersion(expected, offerRecord, offer.version)
  if (!offerNextStates[offer.status].includes('submitted')) {
    throw new Problem(
      409,
      'offer-not-editable',
      'The offer can no longer be changed',
      `offer ${id} is ${offer.status}; owners change offers only while they are ${editable.join(' or ')}`,
      { current_status: offer.status },
    )
  }
  await updateOffer(tx, id, patch)
  if (patch.contact && offer.owner_party_id) await saveContact(tx, offer.owner_party_id, patch.contact)
  await audit(tx, user, 'update', 'offers', [id])
  if (patch.contact && offer.owner_party_id)
    await audit(tx, user, 'update', 'party_contacts', [offer.owner_party_id])
  const updated = await reread(tx, user, id)
  if (offer.status !== 'submitted') await notifyOfferStatus(tx, updated, 'submitted')
  await notifyReviewers(tx, id, true)
  return updated
}

/** The owner withdraws an offer not yet decided. */
export async function withdrawOffer(tx: Queries, user: CurrentUser, id: number): Promise<Offer> {
  const offer = await current(tx, user, id)
  if (!offerNextStates[offer.status].includes('withdrawn')) {
    throw new Problem(
      409,
      'invalid-offer-transition',
      'The offer cannot be withdrawn',
      `offer ${id} is ${offer.status}; only offers not yet decided can be withdrawn`,
      { current_status: offer.status, allowed: [] },
    )
  }
  await setOfferStatus(tx, id, 'withdrawn', null)
  await audit(tx, user, 'update', 'offers', [id])
  await notifyOfferStatus(tx, offer, 'withdrawn')
  return reread(tx, user, id)
}

/** 409 unless a planner may take `offer` to `to` (accept, decline, ask for changes). */
function assertDecision(offer: Offer, to: OfferStatus): void {
  if (offerNextStates[offer.status].includes(to)) return
  if (!reviewable.includes(offer.status)) {
    throw new Problem(
      409,
      'invalid-offer-transition',
      `The offer cannot become ${to}`,
      `offer ${offer.id} is ${offer.status}; only ${reviewable.join(' or ')} offers can be reviewed`,
      { current_status: offer.status, allowed: [] },
    )
  }
  throw new Problem(
    409,
    'invalid-offer-transition',
    'Changes were already requested',
    `offer ${offer.id} is waiting for its owner's changes`,
    { current_status: offer.status, allowed: offerNextStates[offer.status].filter(isDecision) },
  )
}

const isDecision = (status: OfferStatus) => ['changes_requested', 'accepted', 'declined'].includes(status)

/** A planner declines an offer or asks its owner for changes, with a reason the owner reads. */
export async function decideOffer(
  tx: Queries,
  user: CurrentUser,
  id: number,
  to: 'changes_requested' | 'declined',
  reason: string,
): Promise<Offer> {
  const offer = await current(tx, user, id)
  assertDecision(offer, to)
  await setOfferStatus(tx, id, to, reason)
  await audit(tx, user, 'update', 'offers', [id])
  await notifyOfferStatus(tx, offer, to, reason)
  return reread(tx, user, id)
}

/** A planner accepts an offer: its area becomes a plot (or `plotId` is linked) on the map. */
export async function acceptOffer(
  tx: Queries,
  user: CurrentUser,
  id: number,
  plotId: number | undefined,
  name: string | undefined,
): Promise<{ offer: Offer; change: PlotChange }> {
  const offer = await current(tx, user, id)
  assertDecision(offer, 'accepted')
  const change = await plotFromOffer(tx, offer, plotId, name)
  await setOfferStatus(tx, id, 'accepted', null, change.plotId)
  await audit(tx, user, 'update', 'offers', [id])
  await notifyOfferStatus(tx, offer, 'accepted')
  return { offer: await reread(tx, user, id), change }
}

/** A planner or admin vouches that the offer's owner speaks for the organisation it names. */
export async function confirmOrganisation(tx: Queries, user: CurrentUser, id: number): Promise<Offer> {
  const offer = await current(tx, user, id)
  if (offer.owner_organisation === null || offer.owner_party_id === null) {
    throw new Problem(
      409,
      'no-organisation',
      'The offer is not made for an organisation',
      `offer ${id} comes from a person, whose name is never shown; there is nothing to confirm`,
    )
  }
  await tx`
    update parties set confirmed_at = coalesce(confirmed_at, now()), confirmed_by = coalesce(confirmed_by, ${user.id})
     where id = ${offer.owner_party_id}`
  await audit(tx, user, 'update', 'parties', [offer.owner_party_id])
  return reread(tx, user, id)
}
