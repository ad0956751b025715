import { cpus, loadavg } from 'node:os'
import { createApp } from '../backend/src/app.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import { seedDemoData } from '../backend/src/seed/seed-demo.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { freshBenchDatabase } from './lib/bench-database.ts'
import { generatePlots } from './lib/generate-plots.ts'
import { ms, quantile } from './lib/stats.ts'

// The map's read endpoints (search, context, overlay figures) on PostgreSQL with the demo data
// plus N synthetic plots, through createApp().request (no socket), sequential requests.
// Search has no index (substring matching over folded text), so its time grows with the rows.

const sizes = [10_000, 100_000]
const runs = 20

const requests = (plotId: number) => ({
  'search "Josephstraße"': '/api/search?q=Josephstra%C3%9Fe',
  'search "gruenau"': '/api/search?q=gruenau',
  'search "Testfläche 4711"': '/api/search?q=Testfl%C3%A4che%204711',
  'context of a plot': `/api/context/plots/${plotId}`,
  'overlay figures (all areas)': '/api/overlay/figures',
  'overlay figures CSV': '/api/overlay/figures.csv?programmes=szp',
})

/** Runs the measurements and returns the Markdown section. */
export async function run(): Promise<string> {
  const lines = [
    '## Map API: search, context, overlay figures',
    '',
    `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} (load average ${loadavg()[0]?.toFixed(1)} at start: a shared machine), PostgreSQL at BENCH_DATABASE_URL (default 127.0.0.1:5432).`,
    `Command: \`npm run bench -- map-api\`. Demo data plus N generated plots; ${runs} sequential requests each after 2 warm-ups; milliseconds per request.`,
    '',
    '| plots | request | median | p95 |',
    '| ---: | --- | ---: | ---: |',
  ]
  for (const size of sizes) {
    const url = await freshBenchDatabase(`quartiersatlas_bench_map_api_${size}`)
    const db = await openDatabase({ databaseUrl: url, dataDir: '' })
    try {
      await prepareDatabase(db, { defaultMunicipality: '14713000' })
      await seedDemoData(db.sql)
      await generatePlots(db.sql, size)
      const [plot]: [{ id: number }?] = await db.sql`
        select id from plots where external_id = 'demo:plot:josephstrasse-gardens'`
      const app = createApp(db)
      for (const [label, path] of Object.entries(requests(plot?.id ?? 1))) {
        const times: number[] = []
        for (let i = 0; i < runs + 2; i++) {
          const started = performance.now()
          const response = await app.request(path)
          await response.arrayBuffer()
          if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
          if (i >= 2) times.push(performance.now() - started)
        }
        lines.push(
          `| ${size.toLocaleString('en')} | ${label} | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.95))} |`,
        )
      }
    } finally {
      await db.close()
    }
  }
  return `${lines.join('\n')}\n`
}
