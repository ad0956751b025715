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

// The database cannot be reached or does not answer in time: nothing is wrong with the request,
// so it may be sent again. SQLSTATE classes 08 (connection) and 53 (resources), shutdowns (57P0x),
// the timeouts set per connection (57014, 55P03, 25P03), and what postgres.js and Node report
// when a socket is refused, cut or never opened.
const unavailableStates = new Set(['57P01', '57P02', '57P03', '57014', '55P03', '25P03'])
const unavailableClasses = ['08', '53']
const unavailableConnectionCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/** Seconds a client should wait before sending a request again while the database is away. */
export const retryAfterSeconds = 5

/** Whether `error` says the database is unreachable or unresponsive rather than the request wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  return (
    unavailableConnectionCodes.has(code) ||
    unavailableStates.has(code) ||
    (/^[0-9A-Z]{5}$/.test(code) && unavailableClasses.includes(code.slice(0, 2)))
  )
}

/** The 503 for a database that is away: it says when to try again. */
export function databaseUnavailable(): Problem {
  return new Problem(
    503,
    'database-unavailable',
    'The database is not available right now',
    `Please try again in ${retryAfterSeconds} seconds. A write that got this answer may have been saved: send it again with the same Idempotency-Key to be sure it is saved once.`,
    {},
    { 'Retry-After': String(retryAfterSeconds) },
  )
}

/** Turns anything thrown while handling a request into a problem; unknown errors become a 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error
  if (isDatabaseUnavailable(error)) return databaseUnavailable()
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
