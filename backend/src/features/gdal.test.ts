import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
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

// Acceptance with GDAL, as a desktop GIS user would connect: the OAPIF driver over a real socket.

const run = promisify(execFile)
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0
if (!hasGdal) console.warn('gdal.test.ts skipped: ogrinfo is not installed (apt-get install gdal-bin)')

const db = useTestDatabase()
let server: Awaited<ReturnType<typeof listenOnLoopback>> | undefined
let api = ''
const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-gdal-'))

beforeAll(async () => {
  // No collection is empty, so GDAL has features to take every geometry type from.
  expect((await importOfficialDistricts(db().sql)).refused).toEqual([])
  server = await listenOnLoopback(createApp(db()))
  api = `${server.origin}/api`
})

afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

const geometryNames: Record<string, string> = {
  MultiPolygon: 'Multi Polygon',
  MultiLineString: 'Multi Line String',
  Point: 'Point',
  Geometry: 'Unknown (any)',
}

describe.skipIf(!hasGdal)('GDAL OAPIF', () => {
  it('ogrinfo lists every collection with its geometry type and the database feature count', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', `OAPIF:${api}`], { timeout: 120_000 })
    expect(featureCollections.length).toBeGreaterThanOrEqual(10)
    for (const layer of featureCollections) {
      const section = stdout.split(/\nLayer name: /).find((part) => part.startsWith(`${layer.id}\n`))
      expect(section, `${layer.id} in ogrinfo output`).toBeDefined()
      const [row] = await db().sql<
        { n: number }[]
      >`select count(*)::int as n from ${identifiers(db().sql, layer.table)} where ${inCollection(db().sql, layer)}`
      expect(row?.n, `${layer.id} has features`).toBeGreaterThan(0)
      expect(section).toContain(`Feature Count: ${row?.n}`)
      // GDAL 3.6 takes the geometry type from the features.
      expect(section).toContain(`Geometry: ${geometryNames[layer.geometryType]}`)
    }
  })

  it('ogr2ogr copies every plot to a GeoPackage, seven per page', async () => {
    const gpkg = join(dir, 'out.gpkg')
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, `OAPIF:${api}`, 'plots', '-oo', 'PAGE_SIZE=7'], {
      timeout: 120_000,
    })
    const { stdout } = await run('ogrinfo', ['-ro', '-so', gpkg, 'plots'])
    const [row] = await db().sql<{ n: number }[]>`select count(*)::int as n from plots`
    expect(stdout).toContain(`Feature Count: ${row?.n}`)
  })
})
