import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../backend/src/app.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import { seedDemoData } from '../backend/src/seed/seed-demo.ts'
import { listenOnLoopback } from '../backend/src/server.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { freePort, hasNginx, startNginx } from '../backend/src/test/nginx.testing.ts'
import { josephstrasse } from '../backend/src/tiles/tile-testing.ts'
import { freshBenchDatabase } from './lib/bench-database.ts'

// The production path for cached tiles (issue 20): nginx's proxy_cache in front of the app with
// the shipped configuration (deploy/nginx/front-cache.conf), against nginx serving the same gzip
// bytes as a static file. Both nginx run one worker; wrk with as many threads as cores (-t2), and
// the static figure again with -t4 to show that the client is not the limit.
// Needs PostgreSQL/PostGIS (BENCH_DATABASE_URL), nginx and wrk (Debian: nginx, wrk).

const rounds = 3
const duration = '10s'
const municipality = { defaultMunicipality: '14713000' }

export async function run(): Promise<string> {
  const missing = ['nginx', 'wrk'].filter((tool) => (tool === 'nginx' ? !hasNginx() : !hasWrk()))
  if (missing.length > 0)
    return `## Front cache (nginx in front)\n\nNot run: needs ${missing.join(' and ')} (Debian: apt-get install ${missing.join(' ')}).\n`
  const started = new Date().toISOString()
  const db = await openDatabase({
    databaseUrl: await freshBenchDatabase('quartiersatlas_bench_frontcache'),
    dataDir: '',
  })
  const work = mkdtempSync(join(tmpdir(), 'quartiersatlas-bench-frontcache-'))
  try {
    await prepareDatabase(db, municipality)
    await seedDemoData(db.sql)
    const app = await listenOnLoopback(createApp(db))
    const front = await startNginx([new URL(app.origin).host])
    const { z, x, y } = josephstrasse
    const path = `/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`
    const tile = await fetch(`${app.origin}${path}`, { headers: { 'Accept-Encoding': 'gzip' } })
    // The bytes as they travel (fetch would unpack them): the same gzip body for the static file.
    const gzipBytes = await rawGzip(`${app.origin}${path}`)
    if (tile.status !== 200) throw new Error(`the bench tile answered ${tile.status}`)
    const staticServer = await startStaticNginx(work, gzipBytes)
    let frontRps = 0
    let staticRps = 0
    let static4Rps = 0
    try {
      for (let round = 0; round < rounds; round++) {
        frontRps = Math.max(frontRps, await wrk(2, `${front.origin}${path}`))
        staticRps = Math.max(staticRps, await wrk(2, `${staticServer.origin}/tile`))
        static4Rps = Math.max(static4Rps, await wrk(4, `${staticServer.origin}/tile`))
        console.log('round', round, frontRps, staticRps, static4Rps)
      }
    } finally {
      await staticServer.stop()
      await front.stop()
      await app.close()
    }
    const load = loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')
    const share = (frontRps / staticRps) * 100
    return [
      '## Front cache (nginx in front of the app)',
      '',
      `Run ${started} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${version('nginx')}, load average (1/5/15 min) at the end ${load}.`,
      `Command: \`npm run bench -- frontcache\`. The demo data in a fresh PostGIS database; z14 tile ${z}/${x}/${y} (plots collection), ${gzipBytes.byteLength} B gzip. Both nginx with one worker; wrk \`-c16 -d${duration} -H 'Accept-Encoding: gzip'\`, best of ${rounds} alternating rounds.`,
      '',
      '| measure | req/s |',
      '| --- | --- |',
      `| nginx proxy_cache in front of the app (deploy/nginx/front-cache.conf), wrk -t2 | ${frontRps.toFixed(0)} |`,
      `| nginx serving the same gzip bytes from a static file, wrk -t2 (reference) | ${staticRps.toFixed(0)} |`,
      `| the same static file, wrk -t4 (does the client limit the reference?) | ${static4Rps.toFixed(0)} |`,
      '',
      `Front cache against static: **${share.toFixed(1)} %** (goal ≥ 90 %: ${share >= 90 ? 'met' : 'NOT met'}). The static figure with four client threads is ${((static4Rps / staticRps) * 100).toFixed(0)} % of the two-thread one${static4Rps > staticRps * 1.05 ? ': the client was a limit at -t2' : ', so the client is not the bottleneck'}. Hits never reach the app: each tile is revalidated with its ETag once per second at most (X-Accel-Expires, see deploy/nginx/front-cache.conf).`,
      '',
    ].join('\n')
  } finally {
    await db.close()
    rmSync(work, { recursive: true, force: true })
  }
}

async function rawGzip(url: string): Promise<Buffer> {
  const { get } = await import('node:http')
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve(Buffer.concat(chunks)))
      response.on('error', reject)
    }).on('error', reject)
  })
}

async function startStaticNginx(dir: string, gzipBytes: Uint8Array) {
  const port = await freePort()
  chmodSync(dir, 0o755)
  mkdirSync(join(dir, 'static'), { mode: 0o755 })
  writeFileSync(join(dir, 'static', 'tile.mvt.gz'), gzipBytes, { mode: 0o644 })
  writeFileSync(
    join(dir, 'static.conf'),
    `worker_processes 1;
pid ${dir}/static.pid;
error_log ${dir}/static-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location = /tile {
      alias ${dir}/static/tile.mvt.gz;
      default_type application/vnd.mapbox-vector-tile;
      add_header Content-Encoding gzip;
      add_header Cache-Control "public, max-age=0, must-revalidate";
    }
  }
}
`,
  )
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'static.conf'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  })
  const origin = `http://127.0.0.1:${port}`
  while (
    !(await fetch(`${origin}/tile`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    await new Promise((resolve) => setTimeout(resolve, 50))
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('close', () => resolve())
        child.kill('SIGQUIT')
      }),
  }
}

async function wrk(threads: number, url: string): Promise<number> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', [`-t${threads}`, '-c16', `-d${duration}`, '-H', 'Accept-Encoding: gzip', url])
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

function hasWrk(): boolean {
  try {
    execFileSync('which', ['wrk'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function version(tool: string): string {
  return spawnSync(tool, ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '')
}
