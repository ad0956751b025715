import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { featureCollections, layers } from '../contract/layers.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

type Link = { href: string; rel: string; type?: string }
const rels = (links: Link[]) => links.map((link) => link.rel)

describe('discovery', () => {
  it('serves the landing page at /api and /api/ with the links a client starts from', async () => {
    const app = createApp(db())
    for (const path of ['/api', '/api/']) {
      const response = await app.request(path)
      expect(response.status).toBe(200)
      const body = (await response.json()) as { title: string; links: Link[] }
      expect(rels(body.links)).toEqual(
        expect.arrayContaining(['self', 'service-desc', 'service-doc', 'conformance', 'data']),
      )
      const tiles = body.links.find(
        (link) => link.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector',
      )
      expect(tiles?.href).toBe('http://localhost/api/tiles')
    }
  })

  it('declares Core, GeoJSON, OpenAPI 3.0, CRS, Part 4 and Tiles conformance', async () => {
    const body = (await (await createApp(db()).request('/api/conformance')).json()) as {
      conformsTo: string[]
    }
    expect(body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
        'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
        'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
        'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
        'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
        'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
      ]),
    )
  })

  it('lists every layer with extent, CRS list, schema links and tiles link', async () => {
    const response = await createApp(db()).request('/api/collections')
    const body = (await response.json()) as { collections: Record<string, never>[] }
    expect(body.collections.map((c) => c.id)).toEqual(featureCollections.map((layer) => layer.id))
    const plots = body.collections.find((c) => c.id === 'plots') as unknown as {
      title: string
      extent: { spatial: { bbox: number[][] } }
      crs: string[]
      storageCrs: string
      links: Link[]
    }
    expect(plots.title).toBe('Brachflächen')
    const [extent] = await db().sql<{ x1: number; y1: number; x2: number; y2: number }[]>`
      select st_xmin(e) x1, st_ymin(e) y1, st_xmax(e) x2, st_ymax(e) y2 from (select st_extent(geom) e from plots) s`
    expect(plots.extent.spatial.bbox[0]).toEqual([extent?.x1, extent?.y1, extent?.x2, extent?.y2])
    expect(plots.crs).toContain('http://www.opengis.net/def/crs/EPSG/0/25833')
    expect(plots.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
    expect(rels(plots.links)).toEqual(
      expect.arrayContaining([
        'self',
        'items',
        'describedby',
        'describedBy',
        'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector',
      ]),
    )
    expect(
      plots.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector')?.href,
    ).toBe('http://localhost/api/collections/plots/tiles')
  })

  it('gives a temporal extent to layers with a time span, in RFC 3339 date-times with open ends null', async () => {
    const app = createApp(db())
    const body = (await (await app.request('/api/collections/programme-areas')).json()) as {
      extent: { temporal?: { interval: (string | null)[][] } }
    }
    const [row] = await db().sql<
      { start: string }[]
    >`select min(period_start)::text as start from programme_areas`
    expect(body.extent.temporal?.interval[0]?.[0]).toBe(`${row?.start}T00:00:00Z`)
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
    const all = (await (await app.request('/api/collections')).json()) as {
      collections: { extent: { temporal?: { interval: (string | null)[][] } } }[]
    }
    const intervals = all.collections.flatMap((c) => c.extent.temporal?.interval ?? [])
    expect(intervals.length).toBeGreaterThanOrEqual(3)
    for (const [start = null, end = null] of intervals) {
      for (const value of [start, end]) {
        if (value !== null) expect(value).toMatch(rfc3339)
        if (value !== null) expect(Number.isNaN(Date.parse(value))).toBe(false)
      }
      expect(start === null || end === null || start <= end).toBe(true)
    }
  })

  it('answers in English with ?lang=en or Accept-Language: en', async () => {
    const app = createApp(db())
    const byParam = (await (await app.request('/api/collections/plots?lang=en')).json()) as { title: string }
    expect(byParam.title).toBe('Plots (brownfields)')
    const byHeader = await app.request('/api/collections/plots', {
      headers: { 'Accept-Language': 'en-GB,en;q=0.8' },
    })
    expect(((await byHeader.json()) as { title: string }).title).toBe('Plots (brownfields)')
    expect(byHeader.headers.get('content-language')).toBe('en')
  })

  it('describes the public properties only as JSON Schema, and the queryables', async () => {
    const app = createApp(db())
    const schema = (await (await app.request('/api/collections/plots/schema')).json()) as {
      properties: Record<string, unknown>
    }
    expect(Object.keys(schema.properties)).toContain('area_m2')
    expect(Object.keys(schema.properties)).not.toContain('internal_notes')
    expect(Object.keys(schema.properties)).not.toContain('owner_party_id')
    const queryables = await app.request('/api/collections/plots/queryables')
    expect(queryables.headers.get('content-type')).toContain('application/schema+json')
    const body = (await queryables.json()) as { properties: Record<string, { enum?: string[] }> }
    expect(body.properties.status?.enum).toContain('fallow')
  })

  it('answers an unknown collection with a 404 problem and an unknown parameter with a 400', async () => {
    const app = createApp(db())
    const missing = await app.request('/api/collections/nowhere')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('application/problem+json')
    const unknown = await app.request('/api/collections?foo=1')
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ type: 'urn:quartiersatlas:problem:unknown-parameter' })
  })
})

describe('OpenAPI', () => {
  it('describes every collection path with its parameters and schemas', async () => {
    const response = await createApp(db()).request('/api/openapi.json')
    expect(response.headers.get('content-type')).toContain('application/vnd.oai.openapi+json')
    const document = (await response.json()) as {
      openapi: string
      paths: Record<string, Record<string, { parameters?: unknown[] }>>
      components: { schemas: Record<string, unknown> }
    }
    expect(document.openapi).toMatch(/^3\.0/)
    for (const layer of [...featureCollections, ...layers]) {
      expect(document.paths[`/collections/${layer.id}/items`]?.get).toBeDefined()
      expect(document.paths[`/collections/${layer.id}/items/{featureId}`]?.get).toBeDefined()
      expect(document.components.schemas[`${layer.id}.properties`]).toBeDefined()
      expect(Boolean(document.paths[`/collections/${layer.id}/items`]?.post)).toBe(layer.writable)
    }
  })

  it('renders the documentation from local files, no CDN', async () => {
    const app = createApp(db())
    const page = await app.request('/api/docs')
    const html = await page.text()
    expect(html).not.toMatch(/https?:\/\//)
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const asset = await app.request(src[1] as string)
      expect(asset.status, src[1]).toBe(200)
    }
  })
})
