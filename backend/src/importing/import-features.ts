import { z } from 'zod'
import { checkGeometry } from '../contract/geometry-rules.ts'
import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries, type Sql, type Tx } from '../db/sql-client.ts'
import { upsertFeature } from '../layers/layer-writes.queries.ts'
import { coerce } from './field-mapping.ts'
import { checkImportGeometry } from './import-geometry.queries.ts'
import { CrsRefusal, checkPlausible, recognised } from './source-crs.ts'
import { readGeoJsonValue } from './sources/read-geojson.ts'
import type { Source, SourceFeature } from './sources/source.ts'

// Loading features into a layer table in one transaction. Every feature is checked (geometry
// type and validity, the municipality's envelope, property schema and vocabularies, references)
// and each refusal is reported with its reasons and place. If any feature is refused nothing is
// written, unless the caller chose to import the valid ones; a process killed midway leaves no
// row of the import, because nothing commits before the end.

export type FeatureRefusal = {
  feature: number
  id?: string | number
  reasons: string[]
  /** Where (lon/lat) a geometry problem is, when PostGIS can say. */
  location?: [number, number]
}

export type ImportReport = {
  table: string
  features: number
  inserted: number
  updated: number
  refused: FeatureRefusal[]
  /** Properties of the file that match no column and were not loaded. */
  ignoredProperties: string[]
  /** The EPSG code the coordinates were read in. */
  srid: number
  /** True when the valid features were imported although others were refused. */
  partial: boolean
}

export type ImportOptions = {
  /** Maps file fields to columns, e.g. { OT: 'key', Name: 'name' }; null leaves a field out. */
  rename?: Record<string, string | null>
  /** The AGS of the municipality the features belong to (default: the configured one). */
  municipality?: string
  /** The CRS of the coordinates when the file does not say (or says wrongly). */
  srid?: number
  /** Import the valid features even if some are refused. */
  validOnly?: boolean
  /** Stop after checking, writing nothing (the preview). */
  dryRun?: boolean
  /** With dryRun: receives each accepted feature as it would be stored (GeoJSON text in WGS 84). */
  onAccepted?: (properties: Record<string, unknown>, geometry: string) => void
  /** Runs the import's one transaction (default: sql.begin); the API passes writeAs. */
  transaction?: (work: (tx: Tx) => Promise<void>) => Promise<void>
  /** Called every 1000 features with the count so far. */
  onProgress?: (features: number) => void
}

const ags = z.string().regex(/^\d{8}$/, 'municipality must be an 8-digit AGS')

/** Imports parsed GeoJSON or an opened file into `layer` in one transaction and reports what happened. */
export async function importFeatures(
  sql: Sql,
  layer: Layer,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const source = isSource(input) ? input : readGeoJsonValue(input)
  const srid = sridFor(source, options.srid)
  const report: ImportReport = {
    table: layer.table,
    features: 0,
    inserted: 0,
    updated: 0,
    refused: [],
    ignoredProperties: [],
    srid,
    partial: false,
  }
  const columns = new Set([...Object.keys(layer.properties.shape), 'municipality'])
  const ignored = new Set<string>()

  try {
    const transaction = options.transaction ?? ((work) => sql.begin(work) as Promise<void>)
    await transaction(async (tx) => {
      for await (const feature of source.features()) {
        report.features += 1
        if (report.features % 1000 === 0) options.onProgress?.(report.features)
        const refusal = await importOne(tx, layer, feature, report.features, srid, columns, ignored, options)
        if ('reasons' in refusal) report.refused.push(refusal)
        else if (refusal.inserted) report.inserted += 1
        else report.updated += 1
      }
      if (options.dryRun || (report.refused.length > 0 && !options.validOnly)) throw new RollBack()
    })
    report.partial = report.refused.length > 0
  } catch (error) {
    if (!(error instanceof RollBack)) throw error
    if (!options.dryRun) {
      report.inserted = 0
      report.updated = 0
    }
  }
  report.ignoredProperties = [...ignored].sort()
  return report
}

async function importOne(
  tx: Tx,
  layer: Layer,
  feature: SourceFeature,
  number: number,
  srid: number,
  columns: Set<string>,
  ignored: Set<string>,
  options: ImportOptions,
): Promise<FeatureRefusal | { inserted: boolean }> {
  const reasons: string[] = []
  let location: [number, number] | undefined
  const row = mapProperties(layer, feature.properties, columns, options.rename ?? {}, ignored)
  if (options.municipality && row.municipality === undefined) row.municipality = options.municipality
  if (row.external_id === undefined && layer.naturalKey && row[layer.naturalKey] != null) {
    row.external_id = String(row[layer.naturalKey])
  }
  const id = row.external_id == null ? undefined : String(row.external_id)
  const refuse = (): FeatureRefusal => ({
    feature: number,
    ...(id === undefined ? {} : { id }),
    reasons,
    ...(location ? { location } : {}),
  })

  const municipality = row.municipality === undefined ? undefined : ags.safeParse(row.municipality)
  if (municipality && !municipality.success) reasons.push('municipality must be an 8-digit AGS')
  let wkb: Uint8Array | undefined
  let geojson: string | undefined
  if (feature.geometry === null) reasons.push('the feature has no geometry')
  else {
    if (feature.position) checkPlausible(srid, feature.position[0], feature.position[1], `feature ${number}`)
    const structural =
      'geojson' in feature.geometry
        ? checkGeometry(feature.geometry.geojson, layer.geometryType, { lonLat: srid === 4326 })
        : undefined
    if (structural) reasons.push(structural.message)
    else {
      const checked = await checkImportGeometry(
        tx,
        feature.geometry,
        srid,
        layer.geometryType,
        municipality?.success ? municipality.data : null,
        options.onAccepted !== undefined,
      )
      if (checked.ok) {
        wkb = checked.wkb
        geojson = checked.geojson ?? undefined
      } else {
        reasons.push(checked.message)
        location = checked.location
      }
    }
  }
  reasons.push(...(await resolveReferences(tx, layer, row)))
  const { municipality: _, ...properties } = row
  const parsed = layer.properties.safeParse(properties)
  if (!parsed.success) {
    reasons.push(
      ...parsed.error.issues.map((issue) => `${issue.path.join('.') || 'properties'}: ${issue.message}`),
    )
  }
  if (reasons.length > 0 || !parsed.success || wkb === undefined) return refuse()
  const values =
    row.municipality === undefined ? parsed.data : { ...parsed.data, municipality: row.municipality }
  if (options.dryRun && options.onAccepted && geojson) {
    options.onAccepted(values, geojson)
    return { inserted: true }
  }
  try {
    const written = await tx.savepoint((sp) => upsertFeature(sp, layer, values, { wkb }))
    return { inserted: written.inserted }
  } catch (error) {
    reasons.push(`the database refused it: ${(error as Error).message}`)
    return refuse()
  }
}

/** The CRS to read coordinates in: the user's choice, else the file's, else (GeoJSON only) WGS 84. */
function sridFor(source: Source, chosen: number | undefined): number {
  if (chosen !== undefined) return recognised(chosen, 'the chosen coordinate system')
  if (source.srid !== undefined) return source.srid
  if (source.format === 'geojson' || source.format === 'geojsonseq') return 4326
  throw new CrsRefusal(
    source.format === 'shapefile'
      ? `the Shapefile ${source.layer} has no .prj; choose its coordinate system (e.g. EPSG:25833)`
      : `${source.layer} does not say which coordinate system its coordinates are in; choose one (e.g. EPSG:25833)`,
  )
}

const isSource = (input: unknown): input is Source =>
  typeof input === 'object' && input !== null && typeof (input as Source).features === 'function'

/** Maps a file's properties to column names: the mapping first, then case-insensitive matches. */
function mapProperties(
  layer: Layer,
  properties: Record<string, unknown>,
  columns: Set<string>,
  rename: Record<string, string | null>,
  ignored: Set<string>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(properties)) {
    const column = key in rename ? rename[key] : key.toLowerCase()
    if (column && columns.has(column))
      row[column] = column === 'municipality' ? value : coerce(layer, column, value)
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

export { ImportError } from './sources/source.ts'
