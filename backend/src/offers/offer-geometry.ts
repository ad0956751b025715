import { checkGeometry } from '../contract/geometry-rules.ts'
import type { Queries } from '../db/sql-client.ts'
import { checkValidity } from '../geometry/geometry-validity.queries.ts'
import { Problem } from '../http/problem.ts'

/** Refuses a drawn offer geometry that is not a valid (Multi)Polygon in WGS 84, with reason and location. */
export async function assertOfferGeometry(sql: Queries, geometry: unknown): Promise<void> {
  const failure = checkGeometry(geometry, 'MultiPolygon') ?? (await checkValidity(sql, geometry))
  if (!failure) return
  throw new Problem(422, 'invalid-geometry', 'The drawn area is not a valid polygon', failure.message, {
    reason: failure.reason,
    ...(failure.location ? { location: failure.location } : {}),
  })
}
