import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { featureCollections } from '../contract/layers.ts'
import { identifiers } from '../db/sql-client.ts'
import { inCollection } from '../layers/collection-rows.ts'
import { listenOnLoopback } from '../server.ts'
import { importOfficialDistricts } from '../test/official-districts.ts'
import { useTestDatabase } from '../test/test-database.ts'

// Acceptance with QGIS itself (Debian's qgis and python3-qgis, headless): the project file and
// every collection load as OGC API – Features layers, count what the database holds, and the
// project renders. Not part of `npm test` (installing QGIS takes about 5 minutes and 1.1 GB):
// `npm run test:qgis`. Skips when PyQGIS is absent.

const run = promisify(execFile)
const python = '/usr/bin/python3'
const hasQgis =
  spawnSync(python, ['-c', 'import qgis.core'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } })
    .status === 0
if (!hasQgis)
  console.warn(
    'qgis-acceptance.test.ts skipped: apt-get install -y --no-install-recommends qgis python3-qgis',
  )

type Described = { valid: boolean; count: number; names: string[]; wkbType: string; renderer: string | null }
type Result = {
  read: boolean
  crs: string
  project: Record<string, Described>
  direct: Record<string, Described>
  render: { width: number; height: number; painted: number }
}

const db = useTestDatabase()
let server: Awaited<ReturnType<typeof listenOnLoopback>> | undefined
const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-qgis-'))
let result: Result

beforeAll(async () => {
  if (!hasQgis) return
  expect((await importOfficialDistricts(db().sql)).refused).toEqual([])
  server = await listenOnLoopback(createApp(db()))
  const api = `${server.origin}/api`
  const qgs = join(dir, 'quartiersatlas.qgs')
  writeFileSync(qgs, await (await fetch(`${api}/qgis/project.qgs`)).text())
  // QGIS may crash while exiting after it printed its result: the result counts, stderr explains.
  const stdout = await run(
    python,
    [join(import.meta.dirname, 'qgis-acceptance.py'), qgs, api, join(dir, 'map.png')],
    {
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: dir },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  ).then(
    (done) => done.stdout,
    (error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout?.includes('"render"')) throw new Error(`PyQGIS failed: ${error.stderr?.slice(-3000)}`)
      return error.stdout
    },
  )
  result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Result
}, 360_000)

afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!hasQgis)('QGIS', () => {
  it('opens the project in EPSG:25833 with every collection valid, styled and counted as in the database', async () => {
    expect(result.read).toBe(true)
    expect(result.crs).toBe('EPSG:25833')
    for (const source of ['project', 'direct'] as const) {
      expect(Object.keys(result[source]).sort(), source).toEqual(featureCollections.map((c) => c.id).sort())
      for (const layer of featureCollections) {
        const loaded = result[source][layer.id] as Described
        const [row] = await db().sql<{ n: number }[]>`
          select count(*)::int as n from ${identifiers(db().sql, layer.table)} where ${inCollection(db().sql, layer)}`
        expect(loaded.valid, `${source} ${layer.id}`).toBe(true)
        expect(loaded.count, `${source} ${layer.id}`).toBe(row?.n)
        expect(loaded.count, `${source} ${layer.id}`).toBeGreaterThan(0)
      }
    }
    expect(result.project['programme-areas']?.renderer).toBe('categorizedSymbol')
    expect(result.project.links?.renderer).toBe('RuleRenderer')
  })

  it('shows all 10 demo measures', async () => {
    const names = await db().sql<{ name: string }[]>`select name from measures order by name`
    expect(names).toHaveLength(10)
    const shown = ['measures-points', 'measures-lines', 'measures-areas'].flatMap(
      (id) => result.project[id]?.names ?? [],
    )
    expect(shown.sort()).toEqual(names.map((row) => row.name).sort())
  })

  it('renders the project to a PNG that is not blank', () => {
    expect(result.render.width).toBe(800)
    const png = readFileSync(join(dir, 'map.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    // At least 2 % of the picture is drawn (programme areas, plots, links over a white background).
    expect(result.render.painted).toBeGreaterThan(0.02 * 800 * 600)
  })
})
