import { seedDemoData } from '../seed/seed-demo.ts'
import { loadReferenceMap } from '../seed/seed-reference.ts'
import { log, runCli } from './run-cli.ts'

// npm run db:seed — loads or refreshes the reference map and the demo data (geodata/) in the
// configured database.
await runCli(async (db) => {
  const reference = await loadReferenceMap(db.sql)
  log(
    `reference map: ${reference.districts} districts, ${reference.buildings} buildings, ` +
      `${reference.stations} stations, ${reference.addresses} addresses`,
  )
  const report = await seedDemoData(db.sql)
  for (const layer of report.layers) {
    log(`${layer.table}: ${layer.inserted} new, ${layer.updated} updated`)
  }
  log(`parties: ${report.parties}, agreements: ${report.agreements}`)
  return 0
})
