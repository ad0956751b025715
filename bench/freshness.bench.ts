import { execSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../backend/src/config.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import { seedDemoData } from '../backend/src/seed/seed-demo.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { type AppProcess, startAppProcess } from '../backend/src/test/app-process.ts'
import { type Tile, tileAt } from '../backend/src/tiles/tile-coordinates.ts'
import { benchAdminUrl, freshBenchDatabase } from './lib/bench-database.ts'
import { quantile } from './lib/stats.ts'

// The change feed (issue 14):
// 1. freshness: over 100 plain-SQL edits, the time from the COMMIT (the update's answer) until a
//    second app process, which had the tile cached, serves the changed tile (its ETag changes);
// 2. cached tile throughput of one app process with the listener running, against nginx serving
//    the same gzip bytes from disk, and against the app as it was before the change feed (the
//    commit given by BENCH_BASELINE, default main), all three alternating, best of 3 rounds.
// Needs PostgreSQL/PostGIS (BENCH_DATABASE_URL), nginx and wrk.

const edits = 100
const rounds = 3
const wrkArgs = ['-t2', '-c16', '-d10s', '-H', 'Accept-Encoding: gzip']
const baseline = process.env.BENCH_BASELINE ?? 'main'

export async function run(): Promise<string> {
  const started = new Date().toISOString()
  const load = loadavg().map((value) => value.toFixed(2))
  const dbName = 'feed_bench_freshness'
  const url = await freshBenchDatabase(dbName)
  const db = await openDatabase({ databaseUrl: url, dataDir: '' })
  const work = mkdtempSync(join(tmpdir(), 'quartiersatlas-bench-freshness-'))
  const apps: AppProcess[] = []
  try {
    await prepareDatabase(db, { defaultMunicipality: '14713000' })
    await seedDemoData(db.sql)
    const [garden] = await db.sql<{ id: number; lon: number; lat: number }[]>`
      select id, st_x(st_centroid(geom)) as lon, st_y(st_centroid(geom)) as lat
        from plots where name = 'Nachbarschaftsgärten Josephstraße'`
    if (!garden) throw new Error('the demo plot is missing')
    const tile = tileAt(garden.lon, garden.lat, 14)
    const [writer, reader] = await Promise.all([
      startAppProcess({ DATABASE_URL: url }),
      startAppProcess({ DATABASE_URL: url }),
    ])
    apps.push(writer, reader)
    const tileUrl = (origin: string, { z, x, y }: Tile) =>
      `${origin}/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`
    const etag = async (origin: string) => {
      const response = await fetch(tileUrl(origin, tile), { headers: { 'Accept-Encoding': 'gzip' } })
      await response.arrayBuffer()
      return response.headers.get('etag') ?? ''
    }

    // 1. Freshness.
    const latencies: number[] = []
    for (let edit = 0; edit < edits; edit++) {
      const before = await etag(reader.origin)
      // The second read answers from the cache: the tile is cached in the reader.
      if ((await etag(reader.origin)) !== before) throw new Error('the tile changed without an edit')
      await db.sql`update plots set name = ${`Nachbarschaftsgärten Josephstraße ${edit}`} where id = ${garden.id}`
      const committed = performance.now()
      while ((await etag(reader.origin)) === before) {
        if (performance.now() - committed > 10_000) throw new Error('the reader never served the fresh tile')
      }
      latencies.push(performance.now() - committed)
    }
    console.log('freshness p50/p95', quantile(latencies, 0.5), quantile(latencies, 0.95))

    // 2. Throughput: this app (listener running), the baseline app, nginx, on the same tile bytes.
    const gzipBytes = new Uint8Array(
      await (
        await fetch(tileUrl(writer.origin, tile), { headers: { 'Accept-Encoding': 'gzip' } })
      ).arrayBuffer(),
    )
    const before = await startBaseline(work, url)
    apps.push(before)
    await fetch(tileUrl(before.origin, tile), { headers: { 'Accept-Encoding': 'gzip' } }).then((r) =>
      r.arrayBuffer(),
    )
    const nginx = await startNginx(work, gzipBytes)
    let ours = 0
    let theirs = 0
    let nginxRps = 0
    try {
      for (let round = 0; round < rounds; round++) {
        ours = Math.max(ours, await wrk(tileUrl(writer.origin, tile)))
        theirs = Math.max(theirs, await wrk(tileUrl(before.origin, tile)))
        nginxRps = Math.max(nginxRps, await wrk(`${nginx.origin}/tile`))
      }
    } finally {
      await nginx.stop()
    }
    console.log('throughput', ours, theirs, nginxRps)

    const ms = (value: number) => `${value.toFixed(1)} ms`
    const p95 = quantile(latencies, 0.95)
    const commit = execSync('git rev-parse --short HEAD', { cwd: repoRoot }).toString().trim()
    const baselineCommit = execSync(`git rev-parse --short ${baseline}`, { cwd: repoRoot }).toString().trim()
    return [
      '## Change feed: freshness across processes, cached throughput with the listener',
      '',
      `Command: \`npm run bench -- freshness\`. Run ${started} at commit ${commit} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL/PostGIS ${db.postgisVersion} at 127.0.0.1, ${nginxVersion()}; load average at the start ${load.join(', ')} (the machine is shared).`,
      '',
      '| measure | figure | reference | ratio |',
      '|---|---|---|---|',
      `| 1. COMMIT of a plain-SQL edit → second app process serves the fresh z14 tile (${edits} edits) | p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(p95)}, max ${ms(Math.max(...latencies))} | goal p95 ≤ 250 ms | ${p95 <= 250 ? 'met' : 'NOT met'} |`,
      `| 2a. cached z14 tile, gzip, one app process with the listener (wrk ${wrkArgs.slice(0, 3).join(' ')}, best of ${rounds} alternating rounds) | ${ours.toFixed(0)} req/s | the app before the change feed (${baseline} = ${baselineCommit}), same database and tile: ${theirs.toFixed(0)} req/s | ${((ours / theirs) * 100).toFixed(1)} % (goal ≥ 90 %: ${ours / theirs >= 0.9 ? 'met' : 'NOT met'}) |`,
      `| 2b. the same against nginx serving the same gzip bytes from disk (1 worker) | ${ours.toFixed(0)} req/s | ${nginxRps.toFixed(0)} req/s | ${((ours / nginxRps) * 100).toFixed(1)} % (before: ${((theirs / nginxRps) * 100).toFixed(1)} %) |`,
      '',
    ].join('\n')
  } finally {
    await Promise.all(apps.map((app) => app.stop()))
    await db.close()
    rmSync(work, { recursive: true, force: true })
    const admin = await openDatabase({ databaseUrl: benchAdminUrl, dataDir: '' })
    await admin.sql`drop database if exists ${admin.sql(dbName)} with (force)`
    await admin.close()
  }
}

/** The app at commit `baseline` (git archive, sharing this tree's node_modules) on `url`. */
async function startBaseline(work: string, url: string): Promise<AppProcess> {
  const tree = join(work, 'baseline')
  mkdirSync(tree)
  execSync(`git archive ${baseline} | tar -x -C ${tree}`, { cwd: repoRoot })
  symlinkSync(join(repoRoot, 'node_modules'), join(tree, 'node_modules'))
  return startBaselineProcess(tree, url)
}

function startBaselineProcess(tree: string, url: string): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(tree, 'backend/src/test/serve-app.ts')], {
    cwd: tree,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the baseline app exited with ${code}: ${stderr}`)))
    child.stdout?.on('data', (chunk) => {
      stdout += chunk
      const match = /listening (http:\/\/\S+)/.exec(stdout)
      if (!match?.[1]) return
      resolve({
        origin: match[1],
        child,
        stderr: () => stderr,
        stdout: () => stdout,
        exited,
        async stop() {
          if (child.exitCode === null) child.kill('SIGKILL')
          await exited
        },
      })
    })
  })
}

async function wrk(url: string): Promise<number> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', [...wrkArgs, url])
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

function nginxVersion(): string {
  return spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '')
}
