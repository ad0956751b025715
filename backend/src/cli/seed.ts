import { seedDemoData } from '../seed/seed-demo.ts'
import { log, runCli } from './run-cli.ts'

// npm run db:seed — loads or refreshes the demo data (geodata/) in the configured database.
await runCli(async (db) => {
  const report = await seedDemoData(db.sql)
  for (const layer of report.layers) {
    log(`${layer.table}: ${layer.inserted} new, ${layer.updated} updated`)
  }
  log(`parties: ${report.parties}, agreements: ${report.agreements}`)
  return 0
})
