import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { layers } from '../contract/layers.ts'
import { labelLayerName, labelsFrom } from '../contract/tile-properties.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { decodeTile, idsInTile, josephstrasse } from './tile-testing.ts'

const db = useTestDatabase()
const { z, x, y } = josephstrasse
const combinedUrl = `/api/tiles/WebMercatorQuad/${z}/${y}/${x}`
const plotsUrl = `/api/collections/plots/tiles/WebMercatorQuad/${z}/${y}/${x}`

describe('tile routes', () => {
  it('serves the combined Josephstraße tile gzip-compressed with every layer there', async () => {
    const app = createApp(db())
    const response = await app.request(combinedUrl, { headers: { 'Accept-Encoding': 'gzip, deflate' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('cache-control')).toContain('must-revalidate')
    const decoded = decodeTile(gunzipSync(new Uint8Array(await response.arrayBuffer())))
    expect(
      decoded
        .get('plots')
        ?.map((f) => f.id)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(await idsInTile(db().sql, 'plots', josephstrasse))
    expect(decoded.has('interim-uses')).toBe(true)
  })

  it('serves brotli when accepted and plain bytes when nothing is', async () => {
    const app = createApp(db())
    const br = await app.request(plotsUrl, { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    const plain = await app.request(plotsUrl)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect([...decodeTile(await plain.arrayBuffer()).keys()]).toEqual(['plots'])
  })

  it('answers 304 to If-None-Match with the tile’s ETag', async () => {
    const app = createApp(db())
    const first = await app.request(plotsUrl, { headers: { 'Accept-Encoding': 'gzip' } })
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^".+"$/)
    const again = await app.request(plotsUrl, {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag },
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const other = await app.request(plotsUrl, { headers: { 'If-None-Match': '"something-else"' } })
    expect(other.status).toBe(200)
  })

  it('answers 204 for a tile without features', async () => {
    const response = await createApp(db()).request('/api/tiles/WebMercatorQuad/14/6000/7000')
    expect(response.status).toBe(204)
  })

  it.each([
    ['/api/tiles/WebMercatorQuad/25/0/0', 'z'],
    ['/api/tiles/WebMercatorQuad/14/16384/0', 'y'],
    ['/api/tiles/WebMercatorQuad/3/0/8', 'x'],
    ['/api/tiles/WebMercatorQuad/3/-1/0', 'y'],
    ['/api/collections/plots/tiles/WebMercatorQuad/14.5/1/1', 'z'],
    ['/api/collections/plots/tiles/WebMercatorQuad/a/1/1', 'z'],
  ])('refuses %s with a 400 problem naming %s', async (url, name) => {
    const response = await createApp(db()).request(url)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await response.json()) as { type: string; detail: string }
    expect(problem.type).toBe('urn:quartiersatlas:problem:invalid-tile')
    expect(problem.detail).toMatch(new RegExp(`^${name} `))
  })

  it('answers an unknown collection with a 404 problem', async () => {
    const response = await createApp(db()).request('/api/collections/owners/tiles/WebMercatorQuad/14/1/1')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ type: 'urn:quartiersatlas:problem:collection-not-found' })
  })

  it('describes the combined tileset in TileJSON 3.0.0 with absolute URLs and the fields each layer’s tiles carry', async () => {
    const response = await createApp(db()).request(
      'http://atlas.test/api/tiles/WebMercatorQuad/tilejson.json',
    )
    const tilejson = (await response.json()) as {
      tilejson: string
      tiles: string[]
      bounds: number[]
      vector_layers: { id: string; fields: Record<string, string> }[]
    }
    expect(tilejson.tilejson).toBe('3.0.0')
    expect(tilejson.tiles).toEqual(['http://atlas.test/api/tiles/WebMercatorQuad/{z}/{y}/{x}'])
    // Every collection, then the label points of the labelled ones (label-points.test.ts).
    expect(tilejson.vector_layers.map((layer) => layer.id)).toEqual([
      ...layers.map((layer) => layer.id),
      ...layers.filter((layer) => layer.id in labelsFrom).map((layer) => labelLayerName(layer.id)),
    ])
    const plots = tilejson.vector_layers.find((layer) => layer.id === 'plots')
    expect(plots?.fields).toEqual({ name: 'String', status: 'String' })
    const places = tilejson.vector_layers.find((layer) => layer.id === 'places')
    expect(places?.fields).toEqual({ name: 'String', kind: 'String', starts_on: 'String', ends_on: 'String' })
    const [west, south, east, north] = tilejson.bounds
    expect(west).toBeLessThan(12.34)
    expect(east).toBeGreaterThan(12.34)
    expect(south).toBeLessThan(51.33)
    expect(north).toBeGreaterThan(51.33)
  })

  it('describes a collection’s tileset (OGC API – Tiles) and links its TileJSON', async () => {
    const app = createApp(db())
    const tileset = (await (
      await app.request('http://atlas.test/api/collections/plots/tiles/WebMercatorQuad')
    ).json()) as { dataType: string; links: { rel: string; href: string }[]; layers: { id: string }[] }
    expect(tileset.dataType).toBe('vector')
    expect(tileset.layers.map((layer) => layer.id)).toEqual(['plots'])
    expect(tileset.links.find((link) => link.rel === 'item')?.href).toBe(
      'http://atlas.test/api/collections/plots/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}',
    )
    const tilejson = (await (
      await app.request('http://atlas.test/api/collections/plots/tiles/WebMercatorQuad/tilejson.json')
    ).json()) as { tiles: string[] }
    expect(tilejson.tiles).toEqual([
      'http://atlas.test/api/collections/plots/tiles/WebMercatorQuad/{z}/{y}/{x}',
    ])
    const list = (await (await app.request('/api/collections/plots/tiles')).json()) as { tilesets: unknown[] }
    expect(list.tilesets).toHaveLength(1)
  })
})
