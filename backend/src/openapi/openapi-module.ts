import { z } from 'zod'

// What each resource's paths module contributes to the OpenAPI document, and how it turns the
// contract's zod schemas into OpenAPI schemas (kept apart from the document, which imports the modules).

type Json = Record<string, unknown>

/**
 * The OpenAPI 3.0 schema of a contract zod schema (zod 4's own output): of a request body the
 * routes validate with it, or of a response the browser parses with it (both read it as input).
 * `io: 'output'` describes what parsing yields instead (defaults filled in).
 */
export const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'input'): Json =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Json

export type OpenApiModule = {
  tags?: { name: string; description: string }[]
  paths: Record<string, Json>
  components?: {
    schemas?: Record<string, Json>
    parameters?: Record<string, Json>
    responses?: Record<string, Json>
  }
}
