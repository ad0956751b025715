import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type ProblemSlug, type ProblemStatus, problemType } from '../contract/problems.ts'

// One error funnel (RFC 9457): every refusal leaves as application/problem+json with a stable
// `type` and a message a person can act on. A 500 is a bug: it is logged and says nothing more.

export type ProblemDetails = {
  type: string
  title: string
  status: number
  detail?: string
  [extension: string]: unknown
}

export { problemType }

/** A refusal with its status, a stable slug of the catalogue, a title and what to do about it. */
export class Problem<S extends ProblemSlug = ProblemSlug> extends Error {
  readonly status: ContentfulStatusCode
  constructor(
    status: ProblemStatus<S> & ContentfulStatusCode,
    readonly slug: S,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title)
    this.status = status
  }

  toJSON(): ProblemDetails {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...this.extensions,
    }
  }
}

/** Writes a problem as the response. */
export function problemResponse(c: Context, problem: Problem): Response {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value)
  return c.body(JSON.stringify(problem.toJSON()), problem.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  })
}

// PostgreSQL SQLSTATEs that a client's data can cause, mapped in this one place.
const sqlStates: Record<string, [400 | 409 | 422, ProblemSlug, string]> = {
  '23505': [409, 'conflict', 'This would duplicate an existing record'],
  '23503': [422, 'reference-violation', 'A referenced record does not exist or is still referenced'],
  '23514': [422, 'constraint-violation', 'A value breaks a rule of the data model'],
  '23502': [422, 'missing-value', 'A required value is missing'],
  '22P02': [422, 'invalid-value', 'A value has the wrong form'],
  '22007': [422, 'invalid-value', 'A date or time has the wrong form'],
  '22008': [422, 'invalid-value', 'A date or time is out of range'],
  '22003': [422, 'invalid-value', 'A number is out of range'],
  '22001': [422, 'invalid-value', 'A text is too long'],
  // NUL in text or in jsonb: the boundary refuses control characters first; this is the safety net.
  '22021': [400, 'invalid-text', 'A text holds a character that cannot be stored'],
  '22P05': [400, 'invalid-text', 'A text holds a character that cannot be stored'],
}

/** Turns anything thrown while handling a request into a problem; unknown errors become a 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error
  if (error instanceof HTTPException) {
    return new Problem(
      error.status as ContentfulStatusCode,
      `http-${error.status}` as const,
      error.message || 'Request refused',
    )
  }
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code in sqlStates) {
    const [status, slug, title] = sqlStates[code] as [422 | 409, ProblemSlug, string]
    const constraint = (error as { constraint_name?: string }).constraint_name
    return new Problem(status, slug, title, constraint ? `rule: ${constraint}` : undefined)
  }
  return new Problem(
    500,
    'internal-error',
    'Internal server error',
    'The error was logged; please report it.',
  )
}
