import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../config.ts'
import { findLayerByTable } from '../contract/layers.ts'
import type { Sql } from '../db/sql-client.ts'
import { importFeatures } from '../importing/import-features.ts'

/** The 63 official Leipzig Ortsteile shipped in geodata/ (Stadt Leipzig, dl-de/by-2-0; see geodata/SOURCES.md). */
export const officialDistrictsFile = join(repoRoot, 'geodata', 'leipzig_ortsteile.geojson')

export const readOfficialDistricts = (): unknown => JSON.parse(readFileSync(officialDistrictsFile, 'utf8'))

/** Imports the official districts as the README shows (`--map OT=key`); importing again only updates them. */
export async function importOfficialDistricts(sql: Sql) {
  const districts = findLayerByTable('districts')
  if (!districts) throw new Error('no districts layer')
  return importFeatures(sql, districts, readOfficialDistricts(), { rename: { OT: 'key' } })
}
