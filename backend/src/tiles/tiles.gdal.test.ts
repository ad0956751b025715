import { execFile } from 'node:child_process'
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
