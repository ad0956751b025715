import type { z } from 'zod'
import type { ProblemBody } from '../../../backend/src/contract/problems.ts'

// The one client for every API call. A refusal is always the server's problem+json as data
// (`Problem`); calls whose screens cannot go on without an answer throw it wrapped in `ApiError`.
// The per-area modules (map-api, auth-api, editing-api, interim-use-api) are built on this.

/** The server's problem+json (or a bare status when the body is not JSON). */
export type Problem = ProblemBody

/** A failed call thrown by `getJson`, carrying the server's problem (404: no such record). */
export class ApiError extends Error {
  readonly status: number
  constructor(
    readonly problem: Problem,
    message: string,
  ) {
    super(message)
    this.status = problem.status
  }
}

/** Whether a call's answer is a problem rather than data. */
export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number'
}

/** The server's problem+json as data (or a bare status when the body is not JSON). */
export async function problemOf(response: Response): Promise<Problem> {
  try {
    return { status: response.status, ...((await response.json()) as object) }
  } catch {
    return { status: response.status, title: `HTTP ${response.status}` }
  }
}

export type CallOptions = {
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' }

/** One JSON call, never cached; the answer's body, or the server's problem. */
export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T | Problem> {
  const response = await fetch(path, {
    method,
    headers: { ...jsonHeaders, ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: 'no-store',
    signal: options.signal,
  })
  return response.ok ? ((await response.json()) as T) : problemOf(response)
}

/** A GET whose answer is checked against `schema`; throws ApiError when the server refuses. */
export async function getJson<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal })
  if (!response.ok) throw new ApiError(await problemOf(response), `${path}: HTTP ${response.status}`)
  return schema.parse(await response.json())
}
