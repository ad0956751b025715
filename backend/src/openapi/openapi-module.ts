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
  plainTuples(z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }))

/**
 * OpenAPI 3.0 has no tuples: zod writes a tuple's items as `anyOf` its members, so [lon, lat]
 * becomes `anyOf: [number, number]`. Where every member is the same schema, it is that schema.
 */
function plainTuples(schema: unknown): Json {
  if (Array.isArray(schema)) return schema.map(plainTuples) as unknown as Json
  if (typeof schema !== 'object' || schema === null) return schema as Json
  const entries = Object.entries(schema).map(([key, value]) => [key, plainTuples(value)] as const)
  const plain = Object.fromEntries(entries) as Json
  const members = plain.anyOf
  if (!Array.isArray(members) || members.length < 2) return plain
  const first = JSON.stringify(members[0])
  if (!members.every((member) => JSON.stringify(member) === first)) return plain
  const { anyOf: _, ...rest } = plain
  return { ...rest, ...(members[0] as Json) }
}

export type OpenApiModule = {
  tags?: { name: string; description: string }[]
  paths: Record<string, Json>
  components?: {
    schemas?: Record<string, Json>
    parameters?: Record<string, Json>
    responses?: Record<string, Json>
  }
}
