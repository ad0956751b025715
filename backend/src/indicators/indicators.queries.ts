import type { z } from 'zod'
import type {
  candidateInput,
  IndicatorInfo,
  indicatorDefinition,
  PilotCandidate,
} from '../contract/indicators.schema.ts'
import type { Queries, Sql } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'
import type { IndicatorTable } from './indicator-csv.ts'

// Definitions, imports and pilot candidates. Values belong to the default municipality's
// districts, matched by their official key.

/** Every indicator with the years that have values, by key. */
export async function listIndicators(sql: Queries): Promise<IndicatorInfo[]> {
  return sql<IndicatorInfo[]>`
    select i.key, i.name_de, i.name_en, i.unit, i.higher_is, i.source,
           coalesce((select array_agg(distinct v.year order by v.year) from indicator_values v
                      where v.indicator = i.key and v.municipality = default_municipality()), '{}') as years
      from indicators i order by i.key`
}

/** Creates or updates an indicator's definition. */
export async function putIndicator(
  sql: Queries,
  key: string,
  definition: z.infer<typeof indicatorDefinition>,
): Promise<{ created: boolean }> {
  const [row]: [{ created: boolean }?] = await sql`
    insert into indicators (key, name_de, name_en, unit, higher_is, source)
    values (${key}, ${definition.name_de}, ${definition.name_en}, ${definition.unit},
            ${definition.higher_is}, ${definition.source})
    on conflict (key) do update set name_de = excluded.name_de, name_en = excluded.name_en,
      unit = excluded.unit, higher_is = excluded.higher_is, source = excluded.source, updated_at = now()
    returning (xmax = 0) as created`
  return { created: row?.created ?? false }
}

/**
 * Imports a table in one transaction, replacing values of the same indicator, district and year.
 * An indicator column without a definition, or a district key without a district, refuses the
 * whole file (422 listing them) and nothing is written.
 */
export async function importValues(sql: Sql, table: IndicatorTable) {
  return sql.begin(async (tx) => {
    const unknownIndicators = await tx<{ key: string }[]>`
      select c.key from unnest(${table.indicators}::text[]) as c(key)
       where not exists (select 1 from indicators i where i.key = c.key) order by c.key`
    if (unknownIndicators.length > 0) {
      const keys = unknownIndicators.map((row) => row.key)
      throw new Problem(
        422,
        'unknown-indicator',
        'Unknown indicator columns; nothing was imported',
        `define these indicators first (PUT /api/indicators/{key}): ${keys.join(', ')}`,
        { indicators: keys },
      )
    }
    const districtKeys = [...new Set(table.values.map((value) => value.district_key))]
    const unmatched = await tx<{ key: string }[]>`
      select c.key from unnest(${districtKeys}::text[]) as c(key)
       where not exists (select 1 from districts d where d.key = c.key and d.municipality = default_municipality())
       order by c.key`
    if (unmatched.length > 0) {
      const keys = unmatched.map((row) => row.key)
      throw new Problem(
        422,
        'unmatched-district-keys',
        'District keys without a district; nothing was imported',
        `no district has the official key ${keys.join(', ')}; correct them or import the districts first`,
        { keys },
      )
    }
    if (table.values.length > 0)
      await tx`
        insert into indicator_values (indicator, district_key, year, value)
        select * from jsonb_to_recordset(${tx.json(table.values)})
                      as r(indicator text, district_key text, year smallint, value float8)
        on conflict (indicator, municipality, district_key, year) do update set value = excluded.value`
    return {
      imported: table.values.length,
      indicators: table.indicators,
      years: [...new Set(table.values.map((v) => v.year))].sort((a, b) => a - b),
    }
  })
}

/** The pilot candidates with their districts' names, the chosen one first. */
export async function listCandidates(sql: Queries): Promise<PilotCandidate[]> {
  return sql<PilotCandidate[]>`
    select c.id::float8 as id, c.district_key, d.name, c.reason, c.index_spec, c.chosen,
           to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
      from pilot_candidates c
      join districts d on d.municipality = c.municipality and d.key = c.district_key
     where c.municipality = default_municipality()
     order by c.chosen desc, c.created_at, c.id`
}

/** Marks a district as a candidate (again: updates its reason); choosing it unchooses the others. */
export async function markCandidate(sql: Sql, input: z.infer<typeof candidateInput>, userId: number) {
  await sql.begin(async (tx) => {
    const [district]: [{ key: string }?] = await tx`
      select key from districts where key = ${input.district_key} and municipality = default_municipality()`
    if (!district)
      throw new Problem(
        422,
        'unmatched-district-keys',
        'No such district',
        `no district has the key ${input.district_key}`,
        {
          keys: [input.district_key],
        },
      )
    if (input.chosen)
      await tx`update pilot_candidates set chosen = false where municipality = default_municipality() and chosen`
    await tx`
      insert into pilot_candidates (district_key, reason, index_spec, chosen, created_by)
      values (${input.district_key}, ${input.reason}, ${input.index_spec}, ${input.chosen}, ${userId})
      on conflict (municipality, district_key) do update
        set reason = excluded.reason, index_spec = excluded.index_spec, chosen = excluded.chosen`
  })
}
