import { pathIdOr } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import type { Versioned } from '../http/version-match.ts'

/** The offer's id from the path; anything else is a 404 like an unknown id. */
export function offerId(raw: string): number {
  return pathIdOr(raw, offerNotFound)
}

/** The same answer for an offer that does not exist and one the caller may not see. */
export function offerNotFound(id: string | number): Problem {
  return new Problem(404, 'not-found', 'Offer not found', `there is no offer ${id} that you may see`)
}

/** Offers are revised with their version as ETag (http/version-match.ts). */
export const offerRecord: Versioned = { noun: 'offer', readFrom: 'GET /api/offers/{id}' }
