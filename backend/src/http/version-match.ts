import { Problem } from './problem.ts'

// Optimistic locking for the records edited in forms (offers, agreements): their ETag is the row's
// version in quotes ("3"). Map features use their own ETags (features/if-match.ts). Both read
// If-Match by RFC 9110 §13.1.1: "*" or a list of entity tags, compared strongly, because a write
// must know exactly which version it replaces.

/** An If-Match condition: "*" (the record exists) or the strong tags listed, quotes included. */
export type IfMatch = '*' | readonly string[]

/** Parses an If-Match field value; weak tags (W/"…") are dropped, as strong comparison never matches them. */
export function readIfMatch(header: string): IfMatch {
  if (header.trim() === '*') return '*'
  const strong: string[] = []
  for (const [, weak, tag] of header.matchAll(/(W\/)?("[^"]*")/g)) {
    if (!weak && tag) strong.push(tag)
  }
  return strong
}

/** Whether `etag` (quotes included) satisfies the condition. */
export function ifMatchAccepts(condition: IfMatch, etag: string): boolean {
  return condition === '*' || condition.includes(etag)
}

/** A record kind as a person names it, and where its current ETag can be read. */
export type Versioned = { noun: string; readFrom: string }

/** The If-Match condition of a form record's write; 428 when it is missing. */
export function ifMatchCondition(header: string | undefined, record: Versioned): IfMatch {
  if (header === undefined || header.trim() === '') {
    throw new Problem(
      428,
      'precondition-required',
      'If-Match required',
      `send the ETag of the ${record.noun} you edited as If-Match (${record.readFrom} answers it), so that no one else's change is overwritten`,
    )
  }
  return readIfMatch(header)
}

/** The version to write when the record is at `current`: `current` if the condition holds, else a 412. */
export function expectVersion(condition: IfMatch, record: Versioned, current: number): number {
  if (ifMatchAccepts(condition, `"${current}"`)) return current
  throw versionMismatch(record, condition, current)
}

/** The 412 for an edit of a version that is no longer the current one. */
export function versionMismatch(record: Versioned, condition: IfMatch, current: number): Problem {
  const sent = condition === '*' ? '*' : condition.join(', ') || 'no strong ETag'
  return new Problem(
    412,
    'version-mismatch',
    `The ${record.noun} was changed meanwhile`,
    `you edited ${sent}; the current version is "${current}": reload and apply your change again`,
    { current_version: current },
  )
}
