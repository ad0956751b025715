import { Problem } from './problem.ts'

// Optimistic locking for the records edited in forms (offers, agreements): their ETag is the row's
// version in quotes ("3"). Map features use their own ETags (features/layer-of.ts).

/** A record kind as a person names it, and where its current ETag can be read. */
export type Versioned = { noun: string; readFrom: string }

/** The version in an If-Match header ("3" or W/"3"); 428 when it is missing or not such an ETag. */
export function ifMatchVersion(header: string | undefined, record: Versioned): number {
  const match = header ? /^(?:W\/)?"(\d+)"$/.exec(header.trim()) : null
  if (!match) {
    throw new Problem(
      428,
      'precondition-required',
      'If-Match required',
      `send the ETag of the ${record.noun} you edited as If-Match (${record.readFrom} answers it), so that no one else's change is overwritten`,
    )
  }
  return Number(match[1])
}

/** The 412 for an edit of a version that is no longer the current one. */
export function versionMismatch(record: Versioned, expected: number, current: number): Problem {
  return new Problem(
    412,
    'version-mismatch',
    `The ${record.noun} was changed meanwhile`,
    `you edited version ${expected}; the current version is ${current}: reload and apply your change again`,
    { current_version: current },
  )
}
