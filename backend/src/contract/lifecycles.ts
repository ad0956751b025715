import type { agreementStatuses, offerStatuses } from './vocabulary.ts'

// The state tables of the two workflows, read by the API (which enforces them) and by the
// planners' and owners' screens (which offer exactly these steps), so the two never disagree.

export type AgreementStatus = keyof typeof agreementStatuses
export type OfferStatus = keyof typeof offerStatuses

/**
 * The lifecycle of an interim-use agreement, the statuses each may go to next: draft →
 * negotiating → signed → active → ending → ended, and active or ending → terminated (early, with
 * a reason). The schema calls DOMAIN's "expiring" state 'ending'.
 */
export const agreementNextStates: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  draft: ['negotiating'],
  negotiating: ['signed'],
  signed: ['active'],
  active: ['ending', 'terminated'],
  ending: ['ended', 'terminated'],
  ended: [],
  terminated: [],
}

/**
 * The lifecycle of a land offer: the owner submits it, the planners accept, decline or ask for
 * changes, the owner revises it (which submits it again, so 'submitted' follows itself) or
 * withdraws it while it is undecided. Accepted, declined and withdrawn offers are final.
 */
export const offerNextStates: Readonly<Record<OfferStatus, readonly OfferStatus[]>> = {
  draft: ['withdrawn'],
  submitted: ['submitted', 'changes_requested', 'accepted', 'declined', 'withdrawn'],
  changes_requested: ['submitted', 'accepted', 'declined', 'withdrawn'],
  accepted: [],
  declined: [],
  withdrawn: [],
}

/** The statuses from which an offer may go to `to`. */
export function offerStatusesBefore(to: OfferStatus): OfferStatus[] {
  return (Object.keys(offerNextStates) as OfferStatus[]).filter((from) => offerNextStates[from].includes(to))
}
