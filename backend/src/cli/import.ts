import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { findLayerByTable, layers } from '../contract/layers.ts'
import { ImportError, importFeatures } from '../importing/import-features.ts'
import { openSource } from '../importing/sources/read-source.ts'
import { log, runCli } from './run-cli.ts'

// npm run db:import -- <table> <file> [--map FROM=TO ...] [--crs EPSG] [--layer NAME] [--valid-only]
// Loads GeoJSON, a GeoJSON sequence, a zipped Shapefile, a GeoPackage layer, a CSV or a
// FlatGeobuf into a layer table in one transaction, and reports each refusal.

const usage = `usage: npm run db:import -- <table> <file> [--map FROM=TO ...] [--crs EPSG] [--layer NAME]
                           [--x COLUMN --y COLUMN | --wkt COLUMN] [--municipality AGS] [--valid-only]
files: .geojson, .geojsons (sequence), .zip (Shapefile), .gpkg, .csv, .fgb
tables: ${layers
  .filter((l) => l.writable || l.table === 'districts')
  .map((l) => l.table)
  .join(', ')}
example: npm run db:import -- districts geodata/leipzig_ortsteile.geojson --map OT=key`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    map: { type: 'string', multiple: true },
    municipality: { type: 'string' },
    crs: { type: 'string' },
    layer: { type: 'string' },
    x: { type: 'string' },
    y: { type: 'string' },
    wkt: { type: 'string' },
    'valid-only': { type: 'boolean' },
  },
})
const [table, file] = positionals
const layer = table ? findLayerByTable(table) : undefined
if (!layer || !file || (!layer.writable && layer.table !== 'districts')) {
  console.error(table && !layer ? `unknown table ${table}\n${usage}` : usage)
  process.exit(2)
}
const rename = Object.fromEntries((values.map ?? []).map((pair) => pair.split('=', 2) as [string, string]))
const srid = values.crs === undefined ? undefined : Number(values.crs.replace(/^EPSG:/i, ''))

await runCli(async (db) => {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(readFileSync(path))
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`)
    return 2
  }
  try {
    const source = await openSource(bytes, basename(path), {
      ...(values.layer ? { layer: values.layer } : {}),
      csv: {
        ...(values.x ? { x: values.x } : {}),
        ...(values.y ? { y: values.y } : {}),
        ...(values.wkt ? { wkt: values.wkt } : {}),
      },
    })
    const report = await importFeatures(db.sql, layer, source, {
      rename,
      ...(srid === undefined ? {} : { srid }),
      ...(values.municipality ? { municipality: values.municipality } : {}),
      ...(values['valid-only'] ? { validOnly: true } : {}),
      onProgress: (n) => log(`${n} features checked`),
    })
    if (report.ignoredProperties.length > 0) log(`ignored properties: ${report.ignoredProperties.join(', ')}`)
    for (const refusal of report.refused) {
      console.error(
        `feature ${refusal.feature}${refusal.id === undefined ? '' : ` (id ${refusal.id})`}: ${refusal.reasons.join('; ')}`,
      )
    }
    if (report.refused.length > 0 && !report.partial) {
      console.error(`refused ${report.refused.length} of ${report.features} features; nothing was imported`)
      return 1
    }
    log(
      `${report.table}: ${report.inserted} new, ${report.updated} updated, ${report.refused.length} refused, ${report.features} features (EPSG:${report.srid})`,
    )
    return 0
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
})
