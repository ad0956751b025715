import type { Layer } from '../contract/layers.ts'
import type { Queries } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'
import { type IfMatch, ifMatchAccepts, readIfMatch } from '../http/version-match.ts'
import { currentVersion } from '../layers/layer-writes.queries.ts'
import { etagOf } from './layer-of.ts'

// If-Match on features (RFC 9110 §13.1.1): one ETag, a list of them, or "*" for "the feature
// exists". Comparison is strong, so a weak tag never allows a write. One listed ETag is checked by
// the write statement itself; "*" and lists lock the row, compare, and write the version found.

/** The If-Match condition of a write to feature `id`: 428 when missing, 412 when no entry can be this feature's. */
export function ifMatchOf(header: string | undefined, layer: Layer, id: number): IfMatch {
  if (header === undefined) {
    throw new Problem(
      428,
      'precondition-required',
      'If-Match required',
      "send the ETag you read the feature with as If-Match, so that no one else's change is overwritten",
    )
  }
  const condition = readIfMatch(header)
  if (condition !== '*' && versionsOf(condition, layer, id).length === 0) {
    throw new Problem(
      412,
      'precondition-failed',
      'The feature has changed',
      `If-Match ${header} names no strong ETag of this feature`,
    )
  }
  return condition
}

function versionsOf(tags: readonly string[], layer: Layer, id: number): number[] {
  const own = new RegExp(`^"${layer.id}-${id}-v(\\d+)"$`)
  return tags.flatMap((tag) => {
    const match = own.exec(tag)
    return match ? [Number(match[1])] : []
  })
}

/**
 * The version a write inside `tx` may replace, undefined when the feature is gone or the
 * condition does not hold (the caller then answers 404 or 412 from the current state).
 */
export async function versionToWrite(
  tx: Queries,
  layer: Layer,
  id: number,
  condition: IfMatch,
): Promise<number | undefined> {
  const listed = condition === '*' ? [] : versionsOf(condition, layer, id)
  if (listed.length === 1) return listed[0]
  const current = await currentVersion(tx, layer, id, { lock: true })
  if (current === undefined) return undefined
  return ifMatchAccepts(condition, etagOf(layer, id, current)) ? current : undefined
}
