import { z } from 'zod'
import type { Problem } from './problem.ts'

// Record ids in paths (/api/offers/{id}) are positive integers. Anything else answers like an id
// that does not exist: 404, the caller's own not-found problem, never a 400 or a database error.

const positiveId = z.coerce.number().int().positive()

/** The id in `raw`, or undefined when it cannot be the id of any record. */
export function pathId(raw: string | undefined): number | undefined {
  const id = positiveId.safeParse(raw)
  return id.success ? id.data : undefined
}

/** The id in `raw`, or throws `notFound(raw)`. */
export function pathIdOr(raw: string | undefined, notFound: (raw: string) => Problem): number {
  const id = pathId(raw)
  if (id === undefined) throw notFound(raw ?? '')
  return id
}
