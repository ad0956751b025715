import type { z } from 'zod'
import { propertyNames, vocabularyFor } from '../components/property-labels.ts'
import { type Labels, type Layer, type LayerId, layers, type Vocabulary } from '../registry.ts'

// The attribute form of a layer, read from the same zod schema the API validates with: field
// kinds, required fields, enumerations (labels from the vocabularies), dates and limits.

export type Field = {
  name: string
  label: Labels
  kind: 'text' | 'longtext' | 'number' | 'integer' | 'boolean' | 'date' | 'url' | 'choice' | 'reference'
  required: boolean
  maxLength?: number
  /** For references: the layer whose feature the field names (picked by name or on the map). */
  references?: LayerId
  /** For choices: each key with its labels. */
  choices?: { key: string; label: Labels }[]
}

// Bookkeeping columns a planner does not type in.
const hidden = new Set(['external_id'])

type Def = { type: string; format?: string; innerType?: z.ZodType; entries?: Record<string, string> }
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def

/** The form fields of `layer`, in schema order. */
export function fieldsOf(layer: Layer): Field[] {
  const shape = layer.properties.shape as Record<string, z.ZodType>
  return Object.entries(shape)
    .filter(([name]) => !hidden.has(name))
    .map(([name, schema]) => {
      let inner = schema
      while (['optional', 'nullable', 'default'].includes(defOf(inner).type)) {
        inner = defOf(inner).innerType as z.ZodType
      }
      const def = defOf(inner)
      const required = !schema.safeParse(undefined).success
      const label = propertyNames[name] ?? { de: name, en: name }
      const maxLength = (inner as unknown as { maxLength?: number | null }).maxLength ?? undefined
      const field: Field = { name, label, kind: 'text', required, ...(maxLength ? { maxLength } : {}) }
      if (def.type === 'enum') {
        const keys = Object.values(def.entries ?? {})
        const vocabulary: Vocabulary | undefined = vocabularyFor(layer.id as LayerId, name)
        field.kind = 'choice'
        field.choices = keys.map((key) => ({ key, label: vocabulary?.[key] ?? { de: key, en: key } }))
      } else if (def.type === 'boolean') field.kind = 'boolean'
      else if (def.type === 'number' && referencedLayer(layer, name)) {
        field.kind = 'reference'
        field.references = referencedLayer(layer, name)
      } else if (def.type === 'number') field.kind = name.endsWith('_id') ? 'integer' : 'number'
      else if (def.format === 'date') field.kind = 'date'
      else if (def.format === 'url') field.kind = 'url'
      else if (maxLength !== undefined && maxLength > 500) field.kind = 'longtext'
      return field
    })
}

/** The layer a reference column of `layer` points into, when that table is a layer. */
function referencedLayer(layer: Layer, name: string): LayerId | undefined {
  const table = layer.references[name]
  return table ? (layers.find((l) => l.table === table)?.id as LayerId | undefined) : undefined
}

/** The form's values as properties for the API: empty fields left out (the column's default). */
export function propertiesFrom(
  fields: Field[],
  values: Record<string, string | boolean>,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const field of fields) {
    const value = values[field.name]
    if (value === undefined || value === '') continue
    if (field.kind === 'boolean') properties[field.name] = value === true || value === 'true'
    else if (field.kind === 'number' || field.kind === 'integer' || field.kind === 'reference')
      properties[field.name] = Number(value)
    else properties[field.name] = value
  }
  return properties
}

/** Form values from stored properties. */
export function valuesFrom(
  fields: Field[],
  properties: Record<string, unknown>,
): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {}
  for (const field of fields) {
    const value = properties[field.name]
    if (value === null || value === undefined) continue
    values[field.name] = typeof value === 'boolean' ? value : String(value)
  }
  return values
}

/** Inline errors: field name → message, from the layer's schema (the API's own check). */
export function errorsOf(layer: Layer, properties: Record<string, unknown>): Record<string, string> {
  const result = layer.properties.safeParse(properties)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '')
    if (!errors[name]) errors[name] = issue.message
  }
  return errors
}
