import type { Context } from 'hono'
import type { z } from 'zod'
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
