import { request as httpRequest } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { listenOnLoopback } from '../server.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { decodeTile, idsInTile, josephstrasse } from './tile-testing.ts'

// Over a real socket (startServer, as `npm start` serves): the first request of a tile renders it
// through the app, later ones come from the listener's cached-tile fast path. Each must answer
// exactly as the app itself does (app.request, no fast path) and never bypass authentication.

const db = useTestDatabase()
const { z, x, y } = josephstrasse
const plotsPath = `/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`
const combinedPath = `/api/tiles/WebMercatorQuad/${z}/${y}/${x}`
const emptyPath = '/api/tiles/WebMercatorQuad/14/6000/7000'
let server: Awaited<ReturnType<typeof listenOnLoopback>> | undefined
let app: ReturnType<typeof createApp>

type Answer = { status: number; headers: Record<string, string | undefined>; body: Buffer }

// node:http rather than fetch: fetch would decompress and add its own Accept-Encoding.
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server?.origin}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers as Record<string, string | undefined>,
          body: Buffer.concat(chunks),
        }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const tileHeaders = [
  'content-type',
  'content-encoding',
  'etag',
  'cache-control',
  'vary',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
]

/** The tile headers, status and body the app itself gives. */
async function fromApp(path: string, headers: Record<string, string>) {
  const response = await app.request(path, { headers })
  return {
    status: response.status,
    headers: Object.fromEntries(tileHeaders.map((name) => [name, response.headers.get(name) ?? undefined])),
    body: Buffer.from(await response.arrayBuffer()),
  }
}

beforeAll(async () => {
  app = createApp(db())
  server = await listenOnLoopback(app)
})
afterAll(() => server?.close())

describe('cached tiles over a socket', () => {
  it.each([
    ['gzip', plotsPath, { 'Accept-Encoding': 'gzip, deflate' }],
    ['brotli', plotsPath, { 'Accept-Encoding': 'gzip, br' }],
    ['no coding', plotsPath, {}],
    ['gzip only by q-values', combinedPath, { 'Accept-Encoding': 'br;q=0, gzip;q=0.8' }],
    ['an empty tile', emptyPath, { 'Accept-Encoding': 'gzip' }],
    ['a tile by .mvt suffix', `${plotsPath}.mvt`, { 'Accept-Encoding': 'gzip' }],
  ])('answers %s on a hit exactly as the tile route does', async (_, path, headers) => {
    await get(path, headers)
    const hit = await get(path, headers)
    const expected = await fromApp(path, headers)
    expect(hit.status).toBe(expected.status)
    expect(Object.fromEntries(tileHeaders.map((name) => [name, hit.headers[name]]))).toEqual(expected.headers)
    expect(hit.body.equals(expected.body)).toBe(true)
    expect(hit.headers['x-content-type-options']).toBe('nosniff')
    if (hit.status === 200) expect(Number(hit.headers['content-length'])).toBe(hit.body.byteLength)
  })

  it('serves the cached tile with the plots of the tile and answers its ETag with 304', async () => {
    const first = await get(plotsPath, { 'Accept-Encoding': 'gzip' })
    const hit = await get(plotsPath, { 'Accept-Encoding': 'gzip' })
    expect(hit.headers.etag).toBe(first.headers.etag)
    const ids = decodeTile(gunzipSync(hit.body))
      .get('plots')
      ?.map((feature) => feature.id)
      .sort((a, b) => (a ?? 0) - (b ?? 0))
    expect(ids).toEqual(await idsInTile(db().sql, 'plots', josephstrasse))
    const again = await get(plotsPath, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': first.headers.etag ?? '',
    })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
    expect(again.headers.etag).toBe(first.headers.etag)
  })

  it('still refuses a wrong bearer token for a cached tile, and answers a cookie as the app does', async () => {
    await get(plotsPath, { 'Accept-Encoding': 'gzip' })
    const refused = await get(plotsPath, { 'Accept-Encoding': 'gzip', Authorization: 'Bearer not-a-token' })
    expect(refused.status).toBe(401)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    const stale = await get(plotsPath, { 'Accept-Encoding': 'gzip', Cookie: 'qa_session=stale' })
    expect(stale.status).toBe(200)
    expect(stale.headers['set-cookie']?.[0]).toContain('qa_session=;')
  })

  it('answers invalid tile coordinates and unknown collections through the app', async () => {
    expect((await get('/api/tiles/WebMercatorQuad/25/0/0')).status).toBe(400)
    expect((await get('/api/collections/owners/tiles/WebMercatorQuad/14/1/1')).status).toBe(404)
  })
})
