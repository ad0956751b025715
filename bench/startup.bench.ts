import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../backend/src/config.ts'
import { ms, quantile } from './lib/stats.ts'

// Warm start of the embedded database: `npm start`'s process (node --import tsx
// backend/src/main.ts) on an existing DATA_DIR until GET /api/health answers, against the
// reference: a bare Node process that opens the same PGlite directory with the stock PostGIS
// extension and answers one PostGIS query. Goal (issue 2): ≤ 2 s to healthy.

const runs = 7
const port = 39_481

function timeToExit(args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`exit ${code}`)),
    )
  })
}

const direct = [process.execPath, '--import', 'tsx', 'backend/src/main.ts']
const viaNpm = ['npm', 'start']

async function timeToHealthy(dataDir: string, limitSeconds = 12, command = direct): Promise<number> {
  const started = performance.now()
  const [file, ...args] = command as [string, ...string[]]
  // Its own process group, so that stopping `npm start` stops the server it started too.
  const child = spawn(file, args, {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' },
    stdio: 'ignore',
    detached: true,
  })
  try {
    for (let attempt = 0; attempt < limitSeconds * 50; attempt++) {
      const healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((response) => response.ok)
        .catch(() => false)
      if (healthy) return performance.now() - started
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`the app did not become healthy within ${limitSeconds} s`)
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    await exited
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

/** Runs the measurements and returns the Markdown section. */
export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quartiersatlas-bench-start-'))
  try {
    // The first start creates the database and loads the demo data; it is not measured.
    await timeToHealthy(dataDir, 180)
    const app: number[] = []
    const npm: number[] = []
    const reference: number[] = []
    for (let i = 0; i < runs; i++) {
      app.push(await timeToHealthy(dataDir))
      npm.push(await timeToHealthy(dataDir, 12, viaNpm))
      // Run from the repository so the bare process resolves the same packages.
      reference.push(
        await timeToExit(['--input-type=module', '-e', bareScript(), join(dataDir, 'pglite')], {}),
      )
    }
    const appMedian = quantile(app, 0.5)
    const referenceMedian = quantile(reference, 0.5)
    return [
      '## Warm start of the embedded database',
      '',
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0]?.toFixed(1)} at start.`,
      `Command: \`npm run bench -- startup\`. ${runs} alternating runs after one unmeasured first start (which creates the database and loads the demo data).`,
      '',
      '| what | median | p95 |',
      '| --- | ---: | ---: |',
      `| app: \`node --import tsx backend/src/main.ts\` until \`/api/health\` answers 200 | ${ms(appMedian)} | ${ms(quantile(app, 0.95))} |`,
      `| app through the npm CLI: \`npm start\` until \`/api/health\` answers 200 | ${ms(quantile(npm, 0.5))} | ${ms(quantile(npm, 0.95))} |`,
      `| reference: bare Node, \`PGlite.create\` with the stock PostGIS extension, one PostGIS query | ${ms(referenceMedian)} | ${ms(quantile(reference, 0.95))} |`,
      `| ratio app / reference | ${(appMedian / referenceMedian).toFixed(2)} | |`,
      '',
      `Goal: warm start ≤ 2 s to healthy: the server process ${appMedian <= 2000 ? 'meets' : 'misses'} it (median ${ms(appMedian)}); through \`npm start\`, which adds the npm CLI's own start, it ${quantile(npm, 0.5) <= 2000 ? 'meets' : 'misses'} it (median ${ms(quantile(npm, 0.5))}).`,
      '',
    ].join('\n')
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function bareScript(): string {
  return `import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
const db = await PGlite.create({ dataDir: process.argv[1], extensions: { postgis } })
await db.query('select postgis_version()')
await db.close()`
}
