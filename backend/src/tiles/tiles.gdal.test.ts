import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { listenOnLoopback } from '../server.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { idsInTile, josephstrasse } from './tile-testing.ts'

// Acceptance: GDAL's MVT driver (Debian's gdal-bin, installed by .ci/run) reads a single tile
// from a listening server, given its z/x/y as open options. GDAL 3.6 opens a tile URL only when
// it ends in .mvt or .pbf, which the tile routes accept.

const db = useTestDatabase()
const run = promisify(execFile)
let server: Awaited<ReturnType<typeof listenOnLoopback>> | undefined
let origin = ''

beforeAll(async () => {
  server = await listenOnLoopback(createApp(db()))
  origin = server.origin
})
afterAll(() => server?.close())

describe('GDAL reads the tiles', () => {
  it('finds the plots layer with every plot of the z14 tile over Josephstraße', async () => {
    const { z, x, y } = josephstrasse
    for (const path of [`collections/plots/tiles`, 'tiles']) {
      const { stdout } = await run('ogrinfo', [
        '-ro',
        '-al',
        '-so',
        '-oo',
        `Z=${z}`,
        '-oo',
        `X=${x}`,
        '-oo',
        `Y=${y}`,
        `MVT:${origin}/api/${path}/WebMercatorQuad/${z}/${y}/${x}.mvt`,
      ])
      const expected = (await idsInTile(db().sql, 'plots', josephstrasse)).length
      expect(stdout).toMatch(/Layer name: plots\b/)
      const plots = stdout.split(/Layer name: /).find((section) => section.startsWith('plots'))
      expect(plots).toMatch(new RegExp(`Feature Count: ${expected}\\b`))
      expect(plots).toMatch(/status: String/)
      expect(plots).not.toMatch(/internal_notes|owner_party_id/)
    }
  })
})

type Link = { rel: string; href: string; type?: string }
const tilesetsVector = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector'
const tilingScheme = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme'

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

// GDAL's OGCAPI driver walks collection → tilesets-vector (a list) → the tileset's self link →
// its tiling-scheme link, which must be a TMS document on this server. Debian 12's GDAL 3.6.2
// then stops without a word: its CMake build compiles the driver's vector-tile branch out
// (OGR_ENABLE_DRIVER_GML unset for the driver; fixed in GDAL 3.7.1, OSGeo/gdal#7993), so it
// cannot list features from tiles whatever the server sends. The test follows the same links,
// checks that GDAL 3.6 fetched all of them without an error, that GDAL's own tile matrix set
// parser reads the scheme, and on a newer GDAL that the tiles give features.
describe('GDAL reads OGC API – Tiles', () => {
  it('follows the links from a collection to tiles on this server', async () => {
    for (const start of ['collections/plots', '']) {
      const base = `${origin}/api${start ? `/${start}` : ''}`
      const document = await json<{ links: Link[] }>(start ? base : `${origin}/api`)
      const list = document.links.find((link) => link.rel === tilesetsVector)
      expect(list?.href).toBe(`${base}/tiles`)
      const tilesets = await json<{ tilesets: { dataType: string; links: Link[] }[] }>(list?.href ?? '')
      expect(tilesets.tilesets).toHaveLength(1)
      expect(tilesets.tilesets[0]?.dataType).toBe('vector')
      const self = tilesets.tilesets[0]?.links.find((link) => link.rel === 'self')
      const tileset = await json<{ links: Link[]; tileMatrixSetLimits: unknown[] }>(self?.href ?? '')
      const scheme = tileset.links.find((link) => link.rel === tilingScheme)
      expect(scheme?.href).toBe(`${origin}/api/tileMatrixSets/WebMercatorQuad`)
      expect(tileset.links.find((link) => link.rel === 'item')?.href).toBe(
        `${self?.href}/{tileMatrix}/{tileRow}/{tileCol}`,
      )
      expect(tileset.tileMatrixSetLimits.length).toBeGreaterThan(0)
    }
    const schemes = await json<{ tileMatrixSets: { id: string; links: Link[] }[] }>(
      `${origin}/api/tileMatrixSets`,
    )
    expect(schemes.tileMatrixSets.map((set) => set.id)).toEqual(['WebMercatorQuad'])
  })

  it('opens OGCAPI:…/collections/plots through the tiles API as far as GDAL 3.6 goes', async () => {
    const { stdout: version } = await run('ogrinfo', ['--version'])
    const args = ['-ro', '-so', '-oo', 'API=TILES', `OGCAPI:${origin}/api/collections/plots`]
    const result = await run('ogrinfo', args, { env: { ...process.env, CPL_DEBUG: 'ON' } }).then(
      ({ stdout, stderr }) => ({ ok: true, stdout, stderr }),
      (error: { stdout: string; stderr: string }) => ({
        ok: false,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    )
    const fetched = [...result.stderr.matchAll(/HTTP: Fetch\((.*?)\)/g)].map((m) => m[1])
    expect(fetched).toEqual(
      expect.arrayContaining([
        `${origin}/api/collections/plots/tiles`,
        `${origin}/api/collections/plots/tiles/WebMercatorQuad`,
        `${origin}/api/tileMatrixSets/WebMercatorQuad`,
      ]),
    )
    expect(result.stderr).not.toMatch(/ERROR/)
    if (/GDAL 3\.6\./.test(version)) expect(result.ok).toBe(false)
    else expect(result.stdout).toMatch(/Zoom level/)
  })

  it("serves a tile matrix set that GDAL's own parser reads", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quartiersatlas-tms-'))
    try {
      const tms = join(dir, 'WebMercatorQuad.json')
      await writeFile(tms, await (await fetch(`${origin}/api/tileMatrixSets/WebMercatorQuad`)).text())
      const input = join(dir, 'in.tif')
      await run('gdal_create', [
        '-of',
        'GTiff',
        '-outsize',
        '4',
        '4',
        '-a_srs',
        'EPSG:3857',
        '-a_ullr',
        '1363000',
        '6686000',
        '1383000',
        '6672000',
        input,
      ])
      // The COG driver lays a raster out on a tile matrix set given as a file: GDAL's TMS parser.
      const { stderr } = await run('gdal_translate', [
        '-q',
        '-of',
        'COG',
        '-co',
        `TILING_SCHEME=${tms}`,
        input,
        join(dir, 'out.tif'),
      ])
      expect(stderr).not.toMatch(/ERROR/)
      const { stdout } = await run('gdalinfo', [join(dir, 'out.tif')])
      expect(stdout).toMatch(/EPSG","3857"|Pseudo-Mercator/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
