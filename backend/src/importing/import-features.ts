import { z } from 'zod'
import { checkGeometry } from '../contract/geometry-rules.ts'
import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries, type Sql } from '../db/sql-client.ts'
import { checkValidity } from '../geometry/geometry-validity.queries.ts'
import { upsertFeature } from '../layers/layer-writes.queries.ts'

// Loading a GeoJSON FeatureCollection into a layer table: all features or none. Every feature is
// checked (geometry rules, PostGIS validity, property schema, references) and each refusal is
// reported with its reasons; if any feature is refused, nothing is written.

export type FeatureRefusal = { feature: number; id?: string | number; reasons: string[] }

export type ImportReport = {
  table: string
  features: number
  inserted: number
  updated: number
  refused: FeatureRefusal[]
  /** Properties of the file that match no column and were not loaded. */
  ignoredProperties: string[]
}

export type ImportOptions = {
  /** Renames file properties to columns, e.g. { OT: 'key', Name: 'name' }. */
  rename?: Record<string, string>
  /** The AGS of the municipality the features belong to (default: the configured one). */
  municipality?: string
}

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
})

const feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.unknown(),
  properties: z.record(z.string(), z.unknown()).nullable(),
})

const ags = z.string().regex(/^\d{8}$/, 'municipality must be an 8-digit AGS')

/** Imports `input` (parsed GeoJSON) into `layer` in one transaction and reports what happened. */
export async function importFeatures(
  sql: Sql,
  layer: Layer,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const collection = featureCollection.safeParse(input)
  if (!collection.success) throw new ImportError('the file is not a GeoJSON FeatureCollection')
  const report: ImportReport = {
    table: layer.table,
    features: collection.data.features.length,
    inserted: 0,
    updated: 0,
    refused: [],
    ignoredProperties: [],
  }
  const columns = new Set([...Object.keys(layer.properties.shape), 'municipality'])
  const ignored = new Set<string>()

  try {
    await sql.begin(async (tx) => {
      for (const [index, raw] of collection.data.features.entries()) {
        const refuse = (reasons: string[], id?: string | number) =>
          report.refused.push({ feature: index + 1, ...(id === undefined ? {} : { id }), reasons })
        const parsed = feature.safeParse(raw)
        if (!parsed.success) {
          refuse(['not a GeoJSON Feature with geometry and properties'])
          continue
        }
        const { id, geometry } = parsed.data
        const reasons: string[] = []
        const structural = checkGeometry(geometry, layer.geometryType)
        const invalid = structural ? undefined : await checkValidity(tx, geometry)
        const geometryFailure = structural ?? invalid
        if (geometryFailure) reasons.push(geometryFailure.message)

        const row = mapProperties(parsed.data.properties ?? {}, columns, options.rename ?? {}, ignored)
        if (options.municipality && row.municipality === undefined) row.municipality = options.municipality
        if (row.external_id === undefined && layer.naturalKey && row[layer.naturalKey] != null) {
          row.external_id = String(row[layer.naturalKey])
        }
        const municipality = row.municipality === undefined ? undefined : ags.safeParse(row.municipality)
        if (municipality && !municipality.success) reasons.push('municipality must be an 8-digit AGS')
        reasons.push(...(await resolveReferences(tx, layer, row)))

        const { municipality: _, ...properties } = row
        const checked = layer.properties.safeParse(properties)
        if (!checked.success) {
          reasons.push(
            ...checked.error.issues.map(
              (issue) => `${issue.path.join('.') || 'properties'}: ${issue.message}`,
            ),
          )
        }
        if (reasons.length > 0 || !checked.success) {
          refuse(reasons, id)
          continue
        }
        const values =
          row.municipality === undefined ? checked.data : { ...checked.data, municipality: row.municipality }
        try {
          const written = await tx.savepoint((sp) => upsertFeature(sp, layer, values, geometry))
          if (written.inserted) report.inserted += 1
          else report.updated += 1
        } catch (error) {
          refuse([`the database refused it: ${(error as Error).message}`], id)
        }
      }
      if (report.refused.length > 0) throw new RollBack()
    })
  } catch (error) {
    if (!(error instanceof RollBack)) throw error
    report.inserted = 0
    report.updated = 0
  }
  report.ignoredProperties = [...ignored].sort()
  return report
}

/** Maps a file's properties to column names: renames first, then case-insensitive matches. */
function mapProperties(
  properties: Record<string, unknown>,
  columns: Set<string>,
  rename: Record<string, string>,
  ignored: Set<string>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(properties)) {
    const column = rename[key] ?? key.toLowerCase()
    if (columns.has(column)) row[column] = value
    else ignored.add(key)
  }
  return row
}

/** Reference columns may name the other row by its external_id; replaces those with ids. */
async function resolveReferences(
  sql: Queries,
  layer: Layer,
  row: Record<string, unknown>,
): Promise<string[]> {
  const reasons: string[] = []
  for (const [column, table] of Object.entries(layer.references)) {
    const value = row[column]
    if (typeof value !== 'string') continue
    const [target] = await sql<{ id: number }[]>`
      select id from ${identifiers(sql, table)}
       where external_id = ${value}
         and municipality = coalesce(${(row.municipality as string | undefined) ?? null}, default_municipality())`
    if (target) row[column] = target.id
    else reasons.push(`${column}: no ${table} row with external_id ${value}`)
  }
  return reasons
}

class RollBack extends Error {}

export class ImportError extends Error {}
