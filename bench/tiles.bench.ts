import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, get } from 'node:http'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createApp } from '../backend/src/app.ts'
import { findLayer, type Layer, layers } from '../backend/src/contract/layers.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import type { Queries } from '../backend/src/db/sql-client.ts'
import { seedDemoData } from '../backend/src/seed/seed-demo.ts'
import { listenOnLoopback } from '../backend/src/server.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { renderTile } from '../backend/src/tiles/render-tile.ts'
import { readTileColumns } from '../backend/src/tiles/tile-columns.queries.ts'
import { type Tile, tileAt } from '../backend/src/tiles/tile-coordinates.ts'
import { freshBenchDatabase } from './lib/bench-database.ts'
import { generatePlots } from './lib/generate-plots.ts'
import { quantile } from './lib/stats.ts'

// Vector tiles against references that are not the app's own code, in one run:
// 1. cached tile throughput against nginx serving the same gzip bytes from disk (wrk with as many
//    threads as cores, and nginx again with twice as many to show the client was not the limit);
// 2. uncached tiles at z10, z12, z14 and z16, rendered by the app, against the plain statement
//    ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y), 4096, 64, true))
//    over `geom && envelope` with the same columns, alternating; and z14 over HTTP;
// 3. tile bytes against that plain statement;
// 4. the embedded engine's z14 tile against PostGIS's.
// Needs PostgreSQL/PostGIS (BENCH_DATABASE_URL), nginx and wrk (Debian: nginx, wrk).

const plotCount = 100_000
const embeddedPlotCount = Number(process.env.BENCH_EMBEDDED_PLOTS ?? 100_000)
const samples = 200
const embeddedSamples = 30
const rounds = 3
const cores = cpus().length
const wrkArgs = (threads: number) => [`-t${threads}`, '-c32', '-d10s', '-H', 'Accept-Encoding: gzip']
const zooms = [10, 12, 14, 16]
const municipality = { defaultMunicipality: '14713000' }
const plots = findLayer('plots') as Layer
const z14: Tile = tileAt(12.38, 51.34, 14)
const z10: Tile = tileAt(12.38, 51.34, 10)
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')

export async function run(): Promise<string> {
  const missing = ['nginx', 'wrk'].filter((tool) => !has(tool))
  if (missing.length > 0)
    return `## Vector tiles\n\nNot run: needs ${missing.join(' and ')} (Debian: apt-get install ${missing.join(' ')}).\n`
  const started = new Date().toISOString()
  const db = await openDatabase({
    databaseUrl: await freshBenchDatabase('quartiersatlas_bench_tiles'),
    dataDir: '',
  })
  const work = mkdtempSync(join(tmpdir(), 'quartiersatlas-bench-tiles-'))
  try {
    await prepareDatabase(db, municipality)
    await seedDemoData(db.sql)
    await generatePlots(db.sql, plotCount)
    // Settle the table so that autovacuum does not run during the measurements.
    await db.sql`vacuum analyze plots`
    const lines: string[] = []
    const log = (line: string) => {
      console.log(line)
      lines.push(line)
    }

    const columns = await readTileColumns(db.sql)
    const names = (columns.get('plots') ?? []).map((column) => column.name)
    const loadBefore = load()
    // 2 and 3. Each zoom: the app's render and the plain statement, alternating, and their bytes
    // (read with one worker, so that both read the rows in the same order).
    const byZoom: { z: number; ours: number[]; plain: number[]; same: boolean; bytes: [number, number] }[] =
      []
    for (const z of zooms) {
      const tile = tileAt(12.38, 51.34, z)
      const count = z <= 10 ? 10 : z === 12 ? 30 : samples
      const [ours = [], plain = []] = await alternating(
        [() => renderTile(db, columns, [plots], tile), () => plainMvt(db.sql, names, tile)],
        count,
      )
      const [a, b] = await db.sql.begin(async (tx) => {
        await tx`select set_config('max_parallel_workers_per_gather', '0', true)`
        return [
          await renderTile(db, columns, [plots], tile, { encoder: 'postgis', via: tx as unknown as Queries }),
          await plainMvt(tx as unknown as Queries, names, tile),
        ]
      })
      byZoom.push({
        z,
        ours,
        plain,
        same: Buffer.from(a).equals(Buffer.from(b)),
        bytes: [a.byteLength, b.byteLength],
      })
      console.log(
        `z${z}`,
        quantile(ours, 0.5).toFixed(2),
        quantile(plain, 0.5).toFixed(2),
        a.byteLength,
        b.byteLength,
      )
    }
    const ours14 = await renderTile(db, columns, [plots], z14)
    const plain14 = await plainMvt(db.sql, names, z14)
    const ours10 = await renderTile(db, columns, [plots], z10)
    const plain10 = await plainMvt(db.sql, names, z10)
    const bytesRatio = ours14.byteLength / plain14.byteLength
    // The map's combined tile with and without the label points (one per labelled feature there):
    // what the labels add. The comparison with the plain statement above stays on the plots
    // collection's tile, which carries no label points, as a plain tile server's would not.
    const [combined14, labelled14] = await Promise.all([
      renderTile(db, columns, layers, z14),
      renderTile(db, columns, layers, z14, { labels: true }),
    ])
    const labelTiming = await alternating(
      [
        () => renderTile(db, columns, layers, z14),
        () => renderTile(db, columns, layers, z14, { labels: true }),
      ],
      30,
    )

    // 2. Uncached latency through HTTP (cache budget 0) against the same statement run directly.
    process.env.TILE_CACHE_MB = '0'
    const uncached = await listenOnLoopback(createApp(db))
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const tileUrl = (origin: string, tile: Tile) =>
      `${origin}/api/collections/plots/tiles/WebMercatorQuad/${tile.z}/${tile.y}/${tile.x}`
    const [httpMs = [], sqlMs = []] = await alternating(
      [() => httpGet(agent, tileUrl(uncached.origin, z14)), () => plainMvt(db.sql, names, z14)],
      samples,
    )
    console.log('uncached p50 http/sql', quantile(httpMs, 0.5).toFixed(2), quantile(sqlMs, 0.5).toFixed(2))
    agent.destroy()
    await uncached.close()
    delete process.env.TILE_CACHE_MB

    // 1. Cached throughput against nginx serving the same gzip bytes; alternating rounds, best of each,
    // because the machine is shared.
    const cached = await listenOnLoopback(createApp(db))
    const warm = await fetch(tileUrl(cached.origin, z14), { headers: { 'Accept-Encoding': 'gzip' } })
    const gzipBytes = new Uint8Array(await warm.arrayBuffer())
    const nginx = await startNginx(work, gzipBytes)
    let ourRps = 0
    let nginxRps = 0
    let nginxMoreThreads = 0
    try {
      for (let round = 0; round < rounds; round++) {
        ourRps = Math.max(ourRps, await wrk(tileUrl(cached.origin, z14), cores))
        nginxRps = Math.max(nginxRps, await wrk(`${nginx.origin}/tile`, cores))
        nginxMoreThreads = Math.max(nginxMoreThreads, await wrk(`${nginx.origin}/tile`, 2 * cores))
      }
    } finally {
      await cached.close()
      await nginx.stop()
    }
    console.log('throughput', ourRps, nginxRps)

    // 4. The embedded engine: same plots (same seed), same tile, through the JS encoder.
    const embedded = await openDatabase({ databaseUrl: undefined, dataDir: join(work, 'embedded') })
    let embeddedMs: number[]
    try {
      await prepareDatabase(embedded, municipality)
      await generatePlots(embedded.sql, embeddedPlotCount)
      await embedded.sql`vacuum analyze plots`
      const embeddedColumns = await readTileColumns(embedded.sql)
      embeddedMs = await timed(() => renderTile(embedded, embeddedColumns, [plots], z14), embeddedSamples)
    } finally {
      await embedded.close()
    }

    const ratio = (value: number, goal: number, lower = true) =>
      `${value.toFixed(2)}× (goal ${lower ? '≤' : '≥'} ${goal}${lower ? '×' : ' %'}: ${
        (lower ? value <= goal : value * 100 >= goal) ? 'met' : 'NOT met'
      })`
    const p = (values: number[], q: number) => `${quantile(values, q).toFixed(2)} ms`
    log(`## Vector tiles\n`)
    log(
      `Run ${started} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL/PostGIS ${db.postgisVersion} at 127.0.0.1 (loopback), ${nginxVersion()}, ${wrkVersion()}.`,
    )
    log(
      `Command: \`npm run bench -- tiles\`. ${plotCount.toLocaleString('en')} plots from \`generatePlots\` (seed 0.42) plus the demo data in a fresh PostGIS database; ${embeddedPlotCount.toLocaleString('en')} plots in a fresh embedded database. z14 tile ${z14.z}/${z14.x}/${z14.y} (plots collection), z10 tile ${z10.z}/${z10.x}/${z10.y}.\n`,
    )
    log(`Load average (1, 5, 15 min) before the uncached tiles: ${loadBefore}; at the end: ${load()}.\n`)
    log('| measure | Quartiersatlas | reference | ratio |')
    log('| --- | --- | --- | --- |')
    log(
      `| 1. cached z14 tile throughput, gzip (wrk -t${cores} -c32 -d10s, as many threads as cores; best of ${rounds} alternating rounds) | ${ourRps.toFixed(0)} req/s | nginx static file, 1 worker: ${nginxRps.toFixed(0)} req/s (with wrk -t${2 * cores}: ${nginxMoreThreads.toFixed(0)} req/s) | ${((ourRps / nginxRps) * 100).toFixed(1)} % |`,
    )
    log(
      `| 2. uncached z14 latency over HTTP, p50 / p95 (${samples} sequential, alternating with the plain statement) | ${p(httpMs, 0.5)} / ${p(httpMs, 0.95)} | plain statement via postgres.js: ${p(sqlMs, 0.5)} / ${p(sqlMs, 0.95)} | p50 ${ratio(quantile(httpMs, 0.5) / quantile(sqlMs, 0.5), 1.25)} |`,
    )
    log(
      `| 3. z14 tile bytes | ${ours14.byteLength} B | plain statement, same columns: ${plain14.byteLength} B | ${ratio(bytesRatio, 1.05)} |`,
    )
    log(
      `| 4. z14 tile, embedded (JS encoder) vs PostGIS's plain statement, p50 | ${p(embeddedMs, 0.5)} | ${p(sqlMs, 0.5)} | ${ratio(quantile(embeddedMs, 0.5) / quantile(sqlMs, 0.5), 2)} |`,
    )
    log('')
    log(
      "Uncached render by zoom (the app's statement through `renderTile`, against the plain statement with the same columns, alternating; bytes compared with one worker so that both read rows in the same order):\n",
    )
    log(
      '| zoom | app p50 / p95 | plain p50 / p95 | p50 ratio (goal ≤ 1.25× from z12) | bytes app / plain | identical bytes |',
    )
    log('| --- | --- | --- | --- | --- | --- |')
    for (const row of byZoom) {
      log(
        `| z${row.z} (${row.ours.length} runs) | ${p(row.ours, 0.5)} / ${p(row.ours, 0.95)} | ${p(row.plain, 0.5)} / ${p(row.plain, 0.95)} | ${(quantile(row.ours, 0.5) / quantile(row.plain, 0.5)).toFixed(2)}× | ${row.bytes[0]} / ${row.bytes[1]} | ${row.same ? 'yes' : 'no'} |`,
      )
    }
    log('')
    log(
      `z10 tile over all ${plotCount.toLocaleString('en')} plots: ${ours10.byteLength.toLocaleString('en')} B (${gzipSync(ours10).byteLength.toLocaleString('en')} B gzip) with the zoom rules, against ${plain10.byteLength.toLocaleString('en')} B from the plain statement.\n`,
    )
    log(
      `Label points: the combined z14 tile (every layer, as the map loads it) is ${combined14.byteLength.toLocaleString('en')} B (${gzipSync(combined14).byteLength.toLocaleString('en')} B gzip) without them and ${labelled14.byteLength.toLocaleString('en')} B (${gzipSync(labelled14).byteLength.toLocaleString('en')} B gzip) with them; render p50 ${p(labelTiming[0] ?? [], 0.5)} against ${p(labelTiming[1] ?? [], 0.5)} (30 runs, alternating).\n`,
    )
    return `${lines.join('\n')}\n`
  } finally {
    await db.close()
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * What a tile server without zoom rules sends (Martin's statement): ST_AsMVT over every plot in the
 * buffered tile, with the columns of the app's tile.
 */
async function plainMvt(sql: Queries, names: readonly string[], { z, x, y }: Tile): Promise<Uint8Array> {
  const [row] = await sql<{ mvt: Uint8Array }[]>`
    select st_asmvt(t, 'plots', 4096, 'geom', 'id') as mvt from (
      select id, ${sql(names as string[])},
             st_asmvtgeom(st_transform(geom, 3857), st_tileenvelope(${z}::int, ${x}::int, ${y}::int), 4096, 64, true) as geom
        from plots
       where geom && st_transform(st_tileenvelope(${z}::int, ${x}::int, ${y}::int, margin => 64.0 / 4096), 4326)
    ) t where geom is not null`
  return new Uint8Array(row?.mvt ?? [])
}

/** Times of each task, run in turn `count` times after one warm-up round. */
async function alternating(tasks: (() => Promise<unknown>)[], count: number): Promise<number[][]> {
  const times = tasks.map(() => [] as number[])
  for (let i = -1; i < count; i++) {
    for (const [index, task] of tasks.entries()) {
      const start = performance.now()
      await task()
      if (i >= 0) times[index]?.push(performance.now() - start)
    }
  }
  return times
}

async function timed(task: () => Promise<unknown>, count: number): Promise<number[]> {
  await task()
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  return times
}

/** GET over a keep-alive socket with gzip accepted, reading the whole body: the client does as little as it can. */
function httpGet(agent: Agent, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`${url}: ${response.statusCode}`)),
      )
      response.on('error', reject)
    }).on('error', reject)
  })
}

async function wrk(url: string, threads: number): Promise<number> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', [...wrkArgs(threads), url])
    let text = ''
    child.stdout.on('data', (chunk) => {
      text += chunk
    })
    child.on('error', reject)
    child.on('close', () => resolve(text))
  })
  const match = /Requests\/sec:\s+([\d.]+)/.exec(output)
  if (!match) throw new Error(`wrk printed no rate:\n${output}`)
  if (/Non-2xx/.test(output)) throw new Error(`wrk saw errors:\n${output}`)
  return Number(match[1])
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function startNginx(dir: string, gzipBytes: Uint8Array) {
  const port = await freePort()
  // nginx's worker runs as nobody: it must be able to read the tile.
  chmodSync(dir, 0o755)
  writeFileSync(join(dir, 'tile.mvt.gz'), gzipBytes, { mode: 0o644 })
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location = /tile {
      alias ${dir}/tile.mvt.gz;
      default_type application/vnd.mapbox-vector-tile;
      add_header Content-Encoding gzip;
      add_header Cache-Control "public, max-age=0, must-revalidate";
    }
  }
}
`,
  )
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' })
  const origin = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 50; attempt++) {
    if (
      await fetch(`${origin}/tile`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('close', () => resolve())
        child.kill('SIGQUIT')
      }),
  }
}

function has(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function nginxVersion(): string {
  return spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '')
}

function wrkVersion(): string {
  try {
    return execFileSync('wrk', ['-v'], { encoding: 'utf8' }).split('\n')[0]?.trim() ?? 'wrk'
  } catch (error) {
    return (
      String((error as { stdout?: string }).stdout ?? 'wrk')
        .split('\n')[0]
        ?.trim() ?? 'wrk'
    )
  }
}
