import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { findLayerByTable, layers } from '../contract/layers.ts'
import { ImportError, importFeatures } from '../importing/import-features.ts'
import { log, runCli } from './run-cli.ts'

// npm run db:import -- <table> <file.geojson> [--map FROM=TO ...] [--municipality AGS]
// Loads a FeatureCollection into a layer table, all or nothing, and reports each refusal.

const usage = `usage: npm run db:import -- <table> <file.geojson> [--map FROM=TO ...] [--municipality AGS]
tables: ${layers
  .filter((l) => l.writable || l.table === 'districts')
  .map((l) => l.table)
  .join(', ')}
example: npm run db:import -- districts geodata/leipzig_ortsteile.geojson --map OT=key`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { map: { type: 'string', multiple: true }, municipality: { type: 'string' } },
})
const [table, file] = positionals
const layer = table ? findLayerByTable(table) : undefined
if (!layer || !file || (!layer.writable && layer.table !== 'districts')) {
  console.error(table && !layer ? `unknown table ${table}\n${usage}` : usage)
  process.exit(2)
}
const rename = Object.fromEntries((values.map ?? []).map((pair) => pair.split('=', 2) as [string, string]))

await runCli(async (db) => {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file)
  let input: unknown
  try {
    input = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`)
    return 2
  }
  try {
    const report = await importFeatures(db.sql, layer, input, {
      rename,
      ...(values.municipality ? { municipality: values.municipality } : {}),
    })
    if (report.ignoredProperties.length > 0) log(`ignored properties: ${report.ignoredProperties.join(', ')}`)
    if (report.refused.length > 0) {
      for (const refusal of report.refused) {
        console.error(
          `feature ${refusal.feature}${refusal.id === undefined ? '' : ` (id ${refusal.id})`}: ${refusal.reasons.join('; ')}`,
        )
      }
      console.error(`refused ${report.refused.length} of ${report.features} features; nothing was imported`)
      return 1
    }
    log(`${report.table}: ${report.inserted} new, ${report.updated} updated, ${report.features} features`)
    return 0
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
})
