import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { roles } from '../contract/accounts.schema.ts'
import { partyKinds, partyRoles } from '../contract/agreements.schema.ts'
import { layers } from '../contract/layers.ts'
import {
  agreementStatuses,
  agreementUses,
  fieldsOfAction,
  offerStatuses,
  offerUses,
} from '../contract/vocabulary.ts'
import { useTestDatabase } from '../test/test-database.ts'

// The vocabularies live twice: in the contract (zod enums, labels, filters) and in the schema's
// CHECK constraints (sql/). This test ties them together, so a key added on one side only fails.

const db = useTestDatabase()

/** The values a CHECK on `table.column` allows: `col in ('a', 'b')` or `col <@ array['a', 'b']`. */
async function checkedValues(table: string, column: string): Promise<string[] | undefined> {
  const rows = await db().sql<{ definition: string }[]>`
    select pg_get_constraintdef(c.oid) as definition
      from pg_constraint c join pg_class t on t.oid = c.conrelid
     where c.contype = 'c' and t.relname = ${table}
       and c.conkey = array[(select attnum from pg_attribute where attrelid = t.oid and attname = ${column})]::int2[]`
  const definition = rows.map((row) => row.definition).find((text) => text.includes('ARRAY['))
  return definition
    ? [...definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1] as string).sort()
    : undefined
}

/** The enum values a property schema allows, through optional, nullable and arrays. */
function enumValues(schema: z.ZodType): string[] | undefined {
  if (schema instanceof z.ZodEnum) return (schema.options as string[]).slice().sort()
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return enumValues(schema.unwrap() as z.ZodType)
  if (schema instanceof z.ZodArray) return enumValues(schema.element as z.ZodType)
  return undefined
}

const keys = (vocabulary: object) => Object.keys(vocabulary).sort()

describe('the vocabularies of the contract and the CHECKs of the schema', () => {
  it('allow the same keys for every enumerated property of every layer table', async () => {
    let compared = 0
    for (const layer of layers) {
      for (const [column, schema] of Object.entries(layer.properties.shape)) {
        const values = enumValues(schema as z.ZodType)
        const checked = values && (await checkedValues(layer.table, column))
        if (!values || !checked) continue
        expect({ column: `${layer.table}.${column}`, values: checked }).toEqual({
          column: `${layer.table}.${column}`,
          values,
        })
        compared += 1
      }
    }
    // programme areas (2), plots (2), measures (3), links (3), places (1)
    expect(compared).toBeGreaterThanOrEqual(11)
  })

  it('allow the same keys for the workflow, account and party columns', async () => {
    const pairs: [string, string, readonly string[]][] = [
      ['offers', 'status', keys(offerStatuses)],
      ['offers', 'allowed_uses', keys(offerUses)],
      ['agreements', 'status', keys(agreementStatuses)],
      ['agreements', 'use', keys(agreementUses)],
      ['users', 'role', [...roles].sort()],
      ['parties', 'kind', [...partyKinds].sort()],
      ['agreement_parties', 'role', [...partyRoles].sort()],
    ]
    for (const [table, column, values] of pairs) {
      expect({ column: `${table}.${column}`, values: await checkedValues(table, column) }).toEqual({
        column: `${table}.${column}`,
        values,
      })
    }
  })

  it('has one row of fields_of_action per key of the vocabulary', async () => {
    const rows = await db().sql<{ key: string }[]>`select key from fields_of_action order by key`
    expect(rows.map((row) => row.key).sort()).toEqual(keys(fieldsOfAction))
  })
})
