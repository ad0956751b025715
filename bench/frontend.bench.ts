import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { createApp } from '../backend/src/app.ts'
import { repoRoot } from '../backend/src/config.ts'
import { openDatabase } from '../backend/src/db/database.ts'
import { seedDemoData } from '../backend/src/seed/seed-demo.ts'
import { prepareDatabase } from '../backend/src/startup/prepare-database.ts'
import { makeStyle } from '../frontend/src/map/map-style.ts'
import { launchChromium } from '../frontend/test/browser-app.ts'
import { freshBenchDatabase } from './lib/bench-database.ts'
import { ms, quantile } from './lib/stats.ts'

// (1) JavaScript and CSS the map page ships (gzip -9), against MapLibre GL JS's own dist files.
// (2) Time to the first rendered tile and to `idle` in headless Chromium: the app against a bare
// MapLibre page with the same style (made by the same style module) and the same camera, served
// by the same server, runs alternating, each in a fresh browser context (cold HTTP cache).

const runs = 10
const camera = { zoom: 12, lat: 51.325, lon: 12.35 }
const frontendDir = join(repoRoot, 'frontend', 'dist')
const maplibreDist = join(repoRoot, 'node_modules', 'maplibre-gl', 'dist')
const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

// Installed before any page script: records when the map first draws after a tile of our source
// arrived, and when it is first idle, in ms since navigation start.
const timingScript = `(() => {
  window.__bench = {}
  const attach = (map) => {
    let tileSeen = false
    map.on('data', (e) => { if (e.dataType === 'source' && e.sourceId === 'quartiersatlas' && e.tile) tileSeen = true })
    map.on('render', () => { if (tileSeen && window.__bench.firstTile === undefined) window.__bench.firstTile = performance.now() })
    map.once('idle', () => { window.__bench.idle = performance.now() })
  }
  let value
  Object.defineProperty(window, '__quartiersatlas', {
    configurable: true,
    get: () => value,
    set: (next) => { value = next; if (next && next.map) attach(next.map) },
  })
})()`

function barePage(origin: string): string {
  const style = JSON.stringify(makeStyle(origin))
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="stylesheet" href="/bare/maplibre-gl.css">
<style>html,body{margin:0;height:100%}#map{position:absolute;inset:57px 0 0 0}</style></head>
<body><div id="map"></div><script src="/bare/maplibre-gl.js"></script><script>
const map = new maplibregl.Map({ container: 'map', style: ${style}, center: [${camera.lon}, ${camera.lat}], zoom: ${camera.zoom} })
window.__quartiersatlas = { map }
</script></body></html>`
}

async function measure(page: Page, url: string): Promise<{ firstTile: number; idle: number }> {
  await page.addInitScript(timingScript)
  await page.goto(url)
  await page.waitForFunction(
    () => (window as unknown as { __bench: { idle?: number } }).__bench.idle,
    undefined,
    {
      timeout: 60_000,
    },
  )
  return page.evaluate(() => (window as unknown as { __bench: { firstTile: number; idle: number } }).__bench)
}

/** Runs the measurements and returns the Markdown section. */
export async function run(): Promise<string> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: join(repoRoot, 'frontend'),
    stdio: 'inherit',
  })
  const dbUrl = await freshBenchDatabase('quartiersatlas_bench_frontend')
  const db = await openDatabase({ databaseUrl: dbUrl, dataDir: '' })
  await prepareDatabase(db, { defaultMunicipality: '14713000' })
  await seedDemoData(db.sql)
  const app = createApp(db, { frontendDir })
  let origin = ''
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) => {
      const path = new URL(request.url).pathname
      if (path === '/bare')
        return new Response(barePage(origin), { headers: { 'content-type': 'text/html' } })
      if (path.startsWith('/bare/maplibre-gl.')) {
        const file = path.slice('/bare/'.length)
        const type = file.endsWith('.css') ? 'text/css' : 'text/javascript'
        return new Response(readFileSync(join(maplibreDist, file)), { headers: { 'content-type': type } })
      }
      return app.fetch(request)
    },
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await launchChromium()
  try {
    // (1) What the map page loads, per response, gzip -9 of the bytes as served.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const shipped: { url: string; bytes: number }[] = []
    page.on('response', async (response) => {
      const url = new URL(response.url())
      if (/\.(js|css)$/.test(url.pathname))
        shipped.push({ url: url.pathname, bytes: gz(await response.body()) })
    })
    await measure(page, `${origin}/#map=${camera.zoom}/${camera.lat}/${camera.lon}`)
    await context.close()
    const appInitial = shipped.reduce((sum, item) => sum + item.bytes, 0)
    const allJs = readdirSync(join(frontendDir, 'assets'))
      .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
      .reduce((sum, file) => sum + gz(readFileSync(join(frontendDir, 'assets', file))), 0)
    const maplibre =
      gz(readFileSync(join(maplibreDist, 'maplibre-gl.js'))) +
      gz(readFileSync(join(maplibreDist, 'maplibre-gl.css')))

    // (2) Timings, alternating app and bare page; one warm-up of each first (server tile cache).
    const times = {
      app: { firstTile: [] as number[], idle: [] as number[] },
      bare: { firstTile: [] as number[], idle: [] as number[] },
    }
    for (let i = -1; i < runs; i++) {
      for (const which of ['app', 'bare'] as const) {
        const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } })
        const url =
          which === 'app' ? `${origin}/#map=${camera.zoom}/${camera.lat}/${camera.lon}` : `${origin}/bare`
        const result = await measure(await fresh.newPage(), url)
        await fresh.close()
        if (i < 0) continue
        times[which].firstTile.push(result.firstTile)
        times[which].idle.push(result.idle)
      }
    }
    const median = (values: number[]) => quantile(values, 0.5)
    const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2)
    return [
      '## Front end: bundle weight and time to first tile',
      '',
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, headless Chromium (/usr/bin/chromium, SwiftShader WebGL), demo data on PostgreSQL at BENCH_DATABASE_URL.`,
      'Command: `npm run bench -- frontend`. Builds the front end, serves it with the real app on 127.0.0.1.',
      '',
      '### JavaScript and CSS shipped (gzip -9)',
      '',
      '| what | gzip | ratio to MapLibre GL JS |',
      '| --- | ---: | ---: |',
      `| MapLibre GL JS dist (maplibre-gl.js + maplibre-gl.css) | ${kb(maplibre)} | 1.00 |`,
      `| map page as loaded (${shipped.length} files: ${shipped.map((item) => item.url.replace('/assets/', '')).join(', ')}) | ${kb(appInitial)} | ${(appInitial / maplibre).toFixed(3)} |`,
      `| every JS and CSS file in frontend/dist (incl. lazily loaded chunks) | ${kb(allJs)} | ${(allJs / maplibre).toFixed(3)} |`,
      '',
      'Goal: ≤ 1.2 × MapLibre GL JS for the map page. Fonts (woff2, ~27 KiB for Latin) are not counted.',
      '',
      `### Time from navigation start (median of ${runs} runs each, 1280 × 800, zoom ${camera.zoom} over Leipzig)`,
      '',
      '| page | first rendered tile | idle |',
      '| --- | ---: | ---: |',
      `| bare MapLibre page, same style and tiles | ${ms(median(times.bare.firstTile))} | ${ms(median(times.bare.idle))} |`,
      `| Quartiersatlas map | ${ms(median(times.app.firstTile))} | ${ms(median(times.app.idle))} |`,
      `| ratio (goal ≤ 1.3) | ${ratio(times.app.firstTile, times.bare.firstTile)} | ${ratio(times.app.idle, times.bare.idle)} |`,
      '',
      "The bare page loads the prebuilt maplibre-gl.js and draws labels in the browser's fallback font; the app first loads its label font (woff2, from the same server) and builds its interface. The bare map sits 57 px from the top like the map of the app below its header.",
    ].join('\n')
  } finally {
    await browser.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await db.close()
  }
}
