import type { GeometryFailure } from '../contract/geometry-rules.ts'
import { geometryProblemTitle } from '../contract/problems.ts'
import { Problem } from './problem.ts'

/** The 422 problem for a geometry that breaks a rule: the rule's reason code, and where it fails. */
export function geometryProblem(failure: GeometryFailure): Problem {
  return new Problem(422, failure.reason, geometryProblemTitle, failure.message, {
    reason: failure.reason,
    ...(failure.location ? { location: failure.location } : {}),
  })
}
