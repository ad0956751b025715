import { Agent, get } from 'node:http'
import { cpus, loadavg, totalmem } from 'node:os'
import { createApp } from '../backend/src/app.ts'
import { findLayer, type Layer } from '../backend/src/contract/layers.ts'
import { crs84 } from '../backend/src/crs/crs.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import { itemsStatement } from '../backend/src/features/items.queries.ts'
import type { ItemsQuery } from '../backend/src/features/items-params.ts'
import { listenOnLoopback } from '../backend/src/server.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { freshBenchDatabase } from './lib/bench-database.ts'
import { generatePlots } from './lib/generate-plots.ts'
import { ms, quantile } from './lib/stats.ts'

// OGC API – Features on 100,000 plots (PostgreSQL/PostGIS, BENCH_DATABASE_URL):
// 1. a bbox items request returning about 1,000 features over HTTP against the identical
//    statement run directly through postgres.js (goal: p50 ratio ≤ 1.3);
// 2. a page deep in the collection, reached by following `next` links, against the first page
//    (goal: p50 ratio ≤ 1.5: keyset paging costs the same at any depth).
// Sequential requests over a real socket after a warm-up.

const plotCount = 100_000
const samples = 100
const warmUp = 10
const bbox: [number, number, number, number] = [12.366, 51.332, 12.394, 51.348]
const pageSize = 100
const deepPages = 900
const plots = findLayer('plots') as Layer

/** Times `a` and `b` alternately, so that load from other processes hits both alike. */
async function paired(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  count: number,
): Promise<[number[], number[]]> {
  for (let i = 0; i < warmUp; i += 1) {
    await a()
    await b()
  }
  const times: [number[], number[]] = [[], []]
  for (let i = 0; i < count; i += 1) {
    for (const [index, task] of [a, b].entries()) {
      const started = performance.now()
      await task()
      times[index]?.push(performance.now() - started)
    }
  }
  return times
}

/** GET over a keep-alive socket, reading the body as bytes: the client does as little as it can. */
function httpGet(agent: Agent, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`${url}: ${response.statusCode} ${Buffer.concat(chunks).toString()}`)),
      )
      response.on('error', reject)
    }).on('error', reject)
  })
}

const row = (label: string, times: number[]) =>
  `| ${label} | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.95))} |`

export async function run(): Promise<string> {
  const started = new Date().toISOString()
  const db = await openDatabase({
    databaseUrl: await freshBenchDatabase('quartiersatlas_bench_features'),
    dataDir: '',
  })
  let server: Awaited<ReturnType<typeof listenOnLoopback>> | undefined
  try {
    await prepareDatabase(db, { defaultMunicipality: '14713000' })
    await generatePlots(db.sql, plotCount)
    server = await listenOnLoopback(createApp(db))
    const { origin } = server
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const fetchPath = async (path: string) => (await httpGet(agent, `${origin}${path}`)).toString()

    // 1. bbox over HTTP against the same statement directly.
    const bboxPath = `/api/collections/plots/items?limit=10000&bbox=${bbox.join(',')}`
    const returned = (JSON.parse(await fetchPath(bboxPath)) as { numberReturned: number }).numberReturned
    const query: ItemsQuery = {
      limit: 10_000,
      after: 0,
      crs: crs84,
      bbox: { envelopes: [bbox], crs: crs84 },
      filters: [],
    }
    const [http, direct] = await paired(
      () => httpGet(agent, `${origin}${bboxPath}`),
      () => itemsStatement(db.sql, plots, query, plots.publicProperties),
      samples,
    )
    const bboxRatio = quantile(http, 0.5) / quantile(direct, 0.5)

    // 2. Follow next links deep into the collection, then time that page against the first.
    const firstPath = `/api/collections/plots/items?limit=${pageSize}`
    let path = firstPath
    for (let page = 0; page < deepPages; page += 1) {
      const body = JSON.parse(await fetchPath(path)) as { links: { rel: string; href: string }[] }
      const next = body.links.find((link) => link.rel === 'next')?.href
      if (!next) throw new Error(`no next link after page ${page + 1}`)
      path = new URL(next).pathname + new URL(next).search
    }
    const deepPath = path
    const [first, deep] = await paired(
      () => httpGet(agent, `${origin}${firstPath}`),
      () => httpGet(agent, `${origin}${deepPath}`),
      samples,
    )
    const deepRatio = quantile(deep, 0.5) / quantile(first, 0.5)

    agent.destroy()
    const load = loadavg()
      .map((value) => value.toFixed(1))
      .join(', ')
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
    const verdict = (ratio: number, goal: number) =>
      `${ratio.toFixed(2)}× (goal ≤ ${goal}×: ${ratio <= goal ? 'met' : 'NOT met'})`
    return `## OGC API – Features

Run ${started} on ${machine}; PostGIS ${db.postgisVersion} on PostgreSQL, ${plotCount.toLocaleString('en')} generated plots (\`generatePlots\`).
Command: \`npm run bench -- features\` (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
Each pair of figures: ${samples} sequential samples of each, alternating, after ${warmUp} warm-up pairs; HTTP over a real keep-alive socket (startServer from backend/src/server.ts, as npm start serves, on 127.0.0.1; the client, node:http in the same process, reads the whole body as bytes). The machine is shared: see the load average below.

### 1. bbox items request against the same SQL run directly

\`GET ${bboxPath}\` returns ${returned} features (the statement returns one row: the count, and the page that PostGIS joined into GeoJSON text).

| what | p50 | p95 |
| --- | --- | --- |
${row('HTTP items endpoint', http)}
${row('same statement through postgres.js', direct)}

p50 ratio HTTP / direct: ${verdict(bboxRatio, 1.3)}

### 2. deep page (keyset cursor) against the first page

Page ${deepPages + 1} of ${pageSize} features, reached by following ${deepPages} \`next\` links (\`${deepPath}\`).

| what | p50 | p95 |
| --- | --- | --- |
${row(`first page (\`${firstPath}\`)`, first)}
${row(`page ${deepPages + 1}`, deep)}

p50 ratio deep / first: ${verdict(deepRatio, 1.5)}

Load average at the end of the run (1, 5, 15 min): ${load}.
`
  } finally {
    await server?.close()
    await db.close()
  }
}
