import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { controlCharacterIn } from '../contract/text.ts'
import { Problem } from './problem.ts'

// Query strings of the map's read endpoints (search, context, overlay): a strict zod object, so
// an unknown or repeated parameter is refused instead of silently ignored.

/** Validates the request's query parameters: 400 problem naming each parameter that is wrong. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const raw: Record<string, string | string[]> = {}
  for (const [name, values] of Object.entries(c.req.queries())) {
    raw[name] = values.length === 1 ? (values[0] as string) : values
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const errors = parsed.error.issues.map((issue) => ({
    parameter: issue.path.join('.') || issueKeys(issue) || '(query)',
    message: issue.message,
  }))
  throw new Problem(
    400,
    'invalid-query',
    'Invalid query parameters',
    errors.map((error) => `${error.parameter}: ${error.message}`).join('; '),
    { errors },
  )
}

// Unknown keys are reported on the object itself; name them so the caller sees which.
function issueKeys(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined
}

/**
 * Middleware for all of /api: 400 when the path or a query parameter (name or value) holds a
 * control character, before any handler reads it; no parameter of this API is free text with lines.
 */
export const refuseControlCharactersInQuery: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url)
  const parts: [string, string][] = [['(path)', safeDecode(url.pathname)]]
  for (const [name, value] of url.searchParams) parts.push([name, name], [name, value])
  for (const [parameter, text] of parts) {
    const character = controlCharacterIn(text)
    if (character === undefined) continue
    const name = controlCharacterIn(parameter) === undefined ? parameter : '(name)'
    throw new Problem(
      400,
      'control-character-in-url',
      'Control character in the request',
      `${name}: ${character} is not allowed in a path or query parameter`,
      { errors: [{ parameter: name, message: `control character ${character}` }] },
    )
  }
  await next()
}

// A malformed escape (%E0%A4%A) is left to the routes, which refuse it as an unknown resource.
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
