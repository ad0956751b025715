import type { Context } from 'hono'
import type { z } from 'zod'
import { limitBodyTo } from './body-limit.ts'
import { refuseControlCharactersInJson } from './control-characters.ts'
import { Problem } from './problem.ts'

/** Largest JSON body the account endpoints read; sign-in forms are tiny. */
export const maxBodyBytes = 16 * 1024

/** Middleware: 413 problem for bodies over maxBodyBytes, also when sent chunked. */
export const limitBody = limitBodyTo(maxBodyBytes)

/**
 * Reads and validates a small JSON body: 415 for another content type, 400 when it is not JSON, 422 naming a field with a control character or each field that breaks the schema.
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(merge-patch\+)?json\s*(;|$)/i.test(type)) {
    throw new Problem(
      415,
      'unsupported-media-type',
      'Send JSON',
      `Content-Type must be application/json, not "${type || 'none'}"`,
    )
  }
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new Problem(400, 'invalid-json', 'The body is not JSON', 'send a JSON object')
  }
  refuseControlCharactersInJson(body)
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    }))
    throw new Problem(
      422,
      'invalid-fields',
      'Invalid fields',
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      { errors },
    )
  }
  return parsed.data
}
