import { Agent, get } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { createApp } from '../backend/src/app.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import type { Sql } from '../backend/src/db/sql-client.ts'
import { listenOnLoopback } from '../backend/src/server.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { tileAt } from '../backend/src/tiles/tile-coordinates.ts'
import { freshBenchDatabase } from './lib/bench-database.ts'
import { quantile } from './lib/stats.ts'

// What one PostgreSQL node carries (docs/scaling.md): uncached z14 tiles and a bbox items page in
// one city, with 100,000 generated plots spread over 10 municipalities, then with 1,000,000.
// Each city's plots lie in a box the size of the generated Leipzig box (0.28° × 0.16°), so ten
// times the plots is ten times the density: the cost of a request follows the features it
// returns, not the size of the table (the GiST index finds them).
// Needs PostgreSQL/PostGIS (BENCH_DATABASE_URL). Not part of npm test.

const municipality = { defaultMunicipality: '14713000' }
const samples = 40
// Ten municipalities (official key, name, centre, official CRS); the two of the demo are in sql/.
const cities = [
  ['14713000', 'Leipzig', 12.38, 51.34, 25833],
  ['05913000', 'Dortmund', 7.47, 51.51, 25832],
  ['14612000', 'Dresden', 13.74, 51.05, 25833],
  ['14511000', 'Chemnitz', 12.92, 50.83, 25833],
  ['15002000', 'Halle (Saale)', 11.97, 51.48, 25833],
  ['15003000', 'Magdeburg', 11.63, 52.13, 25833],
  ['16051000', 'Erfurt', 11.03, 50.98, 25832],
  ['12054000', 'Potsdam', 13.06, 52.39, 25833],
  ['13003000', 'Rostock', 12.1, 54.09, 25833],
  ['05315000', 'Köln', 6.96, 50.94, 25832],
] as const

export async function run(): Promise<string> {
  const started = new Date().toISOString()
  const db = await openDatabase({
    databaseUrl: await freshBenchDatabase('quartiersatlas_bench_scale'),
    dataDir: '',
  })
  const rows: string[] = []
  try {
    await prepareDatabase(db, municipality)
    await db.sql`
      insert into municipalities (ags, name, official_srid)
      select ags, name, srid::int from (values ${db.sql(cities.map(([ags, name, , , srid]) => [ags, name, String(srid)]))}) as c(ags, name, srid)
      on conflict (ags) do nothing`
    process.env.TILE_CACHE_MB = '0'
    const app = await listenOnLoopback(createApp(db))
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    let inserted = 0
    for (const total of [100_000, 1_000_000]) {
      const loadStarted = performance.now()
      await generateCities(db.sql, inserted, total / cities.length)
      inserted = total / cities.length
      await db.sql`vacuum analyze plots`
      const loadSeconds = (performance.now() - loadStarted) / 1000
      const [size] = await db.sql<{ table: string; index: string }[]>`
        select pg_size_pretty(pg_table_size('plots')) as table,
               pg_size_pretty(pg_indexes_size('plots')) as index`
      const [, , lon, lat] = cities[0]
      const tile = tileAt(lon, lat, 14)
      const tilePath = `/api/collections/plots/tiles/WebMercatorQuad/${tile.z}/${tile.y}/${tile.x}`
      const bbox = [lon - 0.01, lat - 0.005, lon + 0.01, lat + 0.005].map((v) => v.toFixed(4)).join(',')
      const itemsPath = `/api/collections/plots/items?limit=1000&bbox=${bbox}`
      const tileMs: number[] = []
      const itemsMs: number[] = []
      let tileBytes = 0
      let returned = 0
      for (let i = -3; i < samples; i++) {
        const t0 = performance.now()
        const tileBody = await httpGet(agent, `${app.origin}${tilePath}`)
        const t1 = performance.now()
        const itemsBody = await httpGet(agent, `${app.origin}${itemsPath}`)
        const t2 = performance.now()
        if (i < 0) continue
        tileMs.push(t1 - t0)
        itemsMs.push(t2 - t1)
        tileBytes = tileBody.byteLength
        returned = (JSON.parse(itemsBody.toString()) as { numberReturned: number }).numberReturned
      }
      const p = (values: number[]) =>
        `${quantile(values, 0.5).toFixed(1)} / ${quantile(values, 0.95).toFixed(1)} ms`
      const row = `| ${total.toLocaleString('en')} (${(total / cities.length).toLocaleString('en')} per city) | ${size?.table} + ${size?.index} index | ${loadSeconds.toFixed(0)} s | ${p(tileMs)} (${tileBytes.toLocaleString('en')} B) | ${p(itemsMs)} (${returned} features) | ${loadavg()[0]?.toFixed(2)} |`
      console.log(row)
      rows.push(row)
    }
    agent.destroy()
    await app.close()
  } finally {
    await db.close()
  }
  return [
    '## One node, ten municipalities: 100,000 against 1,000,000 plots',
    '',
    `Run ${started} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL/PostGIS at 127.0.0.1.`,
    `Command: \`npm run bench -- scale\`. Plots generated in ${cities.length} municipalities (Leipzig, Dortmund, Dresden, …), each in a 0.28° × 0.16° box around its centre; measured in Leipzig: the uncached z14 tile ${cities[0][2]}/${cities[0][3]} over HTTP (TILE_CACHE_MB=0, plots collection) and a bbox items page (0.02° × 0.01°, limit 1000), ${samples} sequential samples each after 3 warm-up rounds, p50 / p95. Load: 1-minute load average after each stage.`,
    '',
    '| plots | table + indexes | load time (generate, vacuum analyze) | uncached z14 tile p50 / p95 | bbox items p50 / p95 | load avg |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'The plots are bulk-loaded with the row triggers off (no history or search rows for them; the area computed as the trigger does), as a restore would load them; requests then run with every trigger and index in place. How to read it: ten times the plots is ten times the plots in the measured tile and bbox (same area), so these figures are the cost of ten times the density; the GiST index keeps the cost of finding them logarithmic in the table size. See docs/scaling.md.',
    '',
  ].join('\n')
}

/** Adds plots `from`+1 … `to` in every city (same seed: the same plots each run). */
async function generateCities(sql: Sql, from: number, to: number): Promise<void> {
  for (const [ags, , lon, lat, srid] of cities) {
    await sql.begin(async (tx) => {
      await tx`select setseed(${(Number(ags.slice(0, 5)) % 1000) / 1000 + from / 1e7})`
      // A bulk load, as a restore would do it: the row triggers (history, search index, area)
      // are off for this transaction, and the area is computed here as the trigger would.
      await tx`set local session_replication_role = replica`
      await tx`
        insert into plots (municipality, name, status, contamination, external_id, geom, area_m2)
        select ${ags}, 'Testfläche ' || i, status, contamination, 'bench:' || i, st_transform(projected, 4326),
               round(st_area(projected)::numeric, 2)
          from (select i,
                       (array['fallow', 'offered', 'interim_use', 'developed', 'sealed_off'])[1 + floor(random() * 5)::int] as status,
                       (array['none', 'suspected', 'unknown'])[1 + floor(random() * 3)::int] as contamination,
                       st_multi(st_buffer(st_transform(st_setsrid(st_point(${lon - 0.14} + random() * 0.28,
                                                                           ${lat - 0.08} + random() * 0.16), 4326), ${srid}::int),
                                          15 + random() * 65, 'quad_segs=2')) as projected
                  from generate_series(${from + 1}::int, ${to}::int) as i) as points`
    })
  }
}

function httpGet(agent: Agent, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        response.statusCode && response.statusCode < 300
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`${url} answered ${response.statusCode}`)),
      )
      response.on('error', reject)
    }).on('error', reject)
  })
}
