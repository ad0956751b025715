import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { plotFeature, square, tableChecksum } from './features.testing.ts'

// The corpus of bad requests: every validation rule of the write path, each refused with the
// right status, an application/problem+json naming the rule, and the plots table unchanged.

const db = useTestDatabase()
let auth: Record<string, string> = {}

beforeAll(async () => {
  const user = await createUser(db(), 'planner')
  auth = { Authorization: `Bearer ${(await createApiToken(db().sql, user.id, 'test')).token}` }
})

type Case = {
  rule: string
  status: number
  slug: string
  body?: string | (() => ReadableStream<Uint8Array>)
  method?: string
  path?: string
  headers?: Record<string, string>
  detail?: RegExp
  check?: (problem: Record<string, unknown>) => void
}

const json = (value: unknown) => JSON.stringify(value)
/** A feature body of exactly `bytes` bytes (its description pads it). */
const bodyOfBytes = (bytes: number) => {
  const body = json(
    plotFeature({
      description: 'x'.repeat(bytes - Buffer.byteLength(json(plotFeature({ description: '' })))),
    }),
  )
  expect(Buffer.byteLength(body)).toBe(bytes)
  return body
}
const ring = (...positions: number[][]) => ({ type: 'Polygon', coordinates: [positions] })
const deep = (levels: number): unknown => (levels === 0 ? 1 : [deep(levels - 1)])
// The contract, as literals: at most 50,000 vertices per geometry and 5 MiB per feature body.
const vertexLimit = 50_000
const bodyLimit = 5 * 1024 * 1024

/** A valid polygon (a circle) with `count` positions, the closing one included. */
const manyVertices = (count: number) => {
  const n = count - 1
  const positions = Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / n
    return [12.33 + 0.01 * Math.cos(angle), 51.33 + 0.01 * Math.sin(angle)]
  })
  positions.push(positions[0] as number[])
  return { type: 'Polygon', coordinates: [positions] }
}

const cases: Case[] = [
  { rule: 'not GeoJSON', status: 400, slug: 'not-geojson', body: json({ name: 'Brache' }) },
  { rule: 'a JSON array is not a Feature', status: 400, slug: 'not-geojson', body: json([plotFeature()]) },
  {
    rule: 'wrong geometry type for the collection',
    status: 422,
    slug: 'wrong-geometry-type',
    body: json(plotFeature({}, { type: 'Point', coordinates: [12.33, 51.33] })),
    detail: /Point is not allowed/,
  },
  {
    rule: 'coordinate that is not a finite number (1e999)',
    status: 422,
    slug: 'coordinate-not-finite',
    body: json(plotFeature({}, ring([12.33, 51.33], [12.34, 51.33], [12.34, 51.34], [12.33, 51.33]))).replace(
      '12.34,51.33',
      '1e999,51.33',
    ),
  },
  {
    rule: 'coordinate given as a string',
    status: 422,
    slug: 'coordinate-not-finite',
    body: json(plotFeature({}, ring([12.33, 51.33], [12.34, 51.33], [12.34, 51.34], [12.33, 51.33]))).replace(
      '12.34,51.33',
      '"12.34",51.33',
    ),
  },
  {
    rule: 'longitude out of range',
    status: 422,
    slug: 'coordinate-out-of-range',
    body: json(plotFeature({}, ring([200, 51.33], [201, 51.33], [201, 51.34], [200, 51.33]))),
    detail: /longitude 200/,
  },
  {
    rule: 'latitude out of range',
    status: 422,
    slug: 'coordinate-out-of-range',
    body: json(plotFeature({}, ring([12.33, 95], [12.34, 95], [12.34, 96], [12.33, 95]))),
    detail: /latitude 95/,
  },
  {
    rule: 'ring not closed',
    status: 422,
    slug: 'ring-not-closed',
    body: json(plotFeature({}, ring([12.33, 51.33], [12.34, 51.33], [12.34, 51.34], [12.33, 51.34]))),
    detail: /not closed/,
  },
  {
    rule: 'ring with fewer than 4 positions',
    status: 422,
    slug: 'ring-too-few-positions',
    body: json(plotFeature({}, ring([12.33, 51.33], [12.34, 51.33], [12.33, 51.33]))),
  },
  {
    rule: 'self-intersection, with its location',
    status: 422,
    slug: 'invalid-geometry',
    body: json(
      plotFeature({}, ring([12.33, 51.33], [12.34, 51.34], [12.34, 51.33], [12.33, 51.34], [12.33, 51.33])),
    ),
    detail: /Self-intersection at 12\.335 51\.335/,
    check: (problem) => expect(problem.location).toEqual([12.335, 51.335]),
  },
  {
    rule: 'hole outside its shell',
    status: 422,
    slug: 'invalid-geometry',
    body: json(
      plotFeature(
        {},
        {
          type: 'Polygon',
          coordinates: [
            square(12.33, 51.33, 0.001).coordinates[0],
            square(12.4, 51.4, 0.0001).coordinates[0],
          ],
        },
      ),
    ),
    detail: /Hole lies outside shell/,
    check: (problem) => expect(problem.location).toBeDefined(),
  },
  {
    rule: '3D coordinates (refused: 2D only)',
    status: 422,
    slug: 'coordinates-3d',
    body: json(
      plotFeature(
        {},
        ring([12.33, 51.33, 100], [12.34, 51.33, 100], [12.34, 51.34, 100], [12.33, 51.33, 100]),
      ),
    ),
  },
  {
    rule: 'GeoJSON crs member on the geometry',
    status: 422,
    slug: 'crs-member',
    body: json(plotFeature({}, { ...square(), crs: { type: 'name', properties: { name: 'EPSG:4326' } } })),
  },
  {
    rule: 'GeoJSON crs member on the Feature',
    status: 422,
    slug: 'crs-member',
    body: json({ ...plotFeature(), crs: { type: 'name', properties: { name: 'EPSG:4326' } } }),
  },
  {
    rule: 'more than 50,000 vertices (50,001)',
    status: 422,
    slug: 'too-many-vertices',
    body: json(plotFeature({}, manyVertices(vertexLimit + 1))),
    detail: /more than 50000 vertices/,
  },
  {
    rule: 'body over the size limit (Content-Length), by one byte',
    status: 413,
    slug: 'body-too-large',
    body: bodyOfBytes(bodyLimit + 1),
  },
  {
    rule: 'body over the size limit, sent chunked without Content-Length',
    status: 413,
    slug: 'body-too-large',
    body: () => {
      const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024))
      let sent = 0
      return new ReadableStream({
        pull(controller) {
          if (sent === 0)
            controller.enqueue(new TextEncoder().encode('{"type":"Feature","properties":{"description":"'))
          if (sent > 6) return controller.close()
          sent += 1
          controller.enqueue(chunk)
        },
      })
    },
  },
  {
    rule: 'unknown property',
    status: 422,
    slug: 'unknown-property',
    body: json(plotFeature({ colour: 'green' })),
    detail: /colour/,
  },
  {
    rule: 'wrongly typed property',
    status: 422,
    slug: 'invalid-property',
    body: json(plotFeature({ name: 5 })),
    detail: /name/,
  },
  {
    rule: 'value outside a vocabulary',
    status: 422,
    slug: 'invalid-property',
    body: json(plotFeature({ status: 'ruined' })),
    detail: /status/,
  },
  {
    rule: 'reference to a record that does not exist (checked by the database)',
    status: 422,
    slug: 'reference-violation',
    body: json(plotFeature({ owner_party_id: 999999 })),
  },
  {
    rule: 'missing geometry',
    status: 422,
    slug: 'geometry-required',
    body: json({ type: 'Feature', geometry: null, properties: { name: 'Brache' } }),
  },
  {
    rule: 'nesting deeper than 32 levels',
    status: 400,
    slug: 'too-deeply-nested',
    body: json(plotFeature({ description: deep(40) })),
  },
  {
    rule: 'wrong content type',
    status: 415,
    slug: 'unsupported-media-type',
    headers: { 'Content-Type': 'text/plain' },
    body: json(plotFeature()),
  },
  {
    rule: 'a merge patch content type for a create',
    status: 415,
    slug: 'unsupported-media-type',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: json(plotFeature()),
  },
  { rule: 'malformed JSON', status: 400, slug: 'malformed-json', body: '{"type": "Feature", ' },
  {
    rule: 'unknown query parameter',
    status: 400,
    slug: 'unknown-parameter',
    path: '/api/collections/plots/items?dryrun=1',
    body: json(plotFeature()),
  },
  {
    rule: 'unknown Content-Crs',
    status: 400,
    slug: 'unsupported-crs',
    headers: {
      'Content-Type': 'application/geo+json',
      'Content-Crs': '<http://www.opengis.net/def/crs/EPSG/0/31468>',
    },
    body: json(plotFeature()),
  },
  {
    rule: 'PATCH without a merge-patch or JSON content type',
    status: 415,
    slug: 'unsupported-media-type',
    method: 'PATCH',
    path: '/api/collections/plots/items/1',
    headers: { 'Content-Type': 'text/plain', 'If-Match': '"plots-1-v1"' },
    body: json({ properties: { name: 'neu' } }),
  },
  {
    rule: 'PATCH that sets a required property to null',
    status: 422,
    slug: 'invalid-property',
    detail: /name is required/,
    method: 'PATCH',
    path: '/api/collections/plots/items/1',
    headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': '"plots-1-v1"' },
    body: json({ properties: { name: null } }),
  },
]

describe('a corpus of bad requests', () => {
  it.each(cases)('$rule → $status $slug', async (bad) => {
    const before = await tableChecksum(db(), 'plots')
    const body = typeof bad.body === 'function' ? bad.body() : bad.body
    const response = await createApp(db()).request(bad.path ?? '/api/collections/plots/items', {
      method: bad.method ?? 'POST',
      headers: { 'Content-Type': 'application/geo+json', ...auth, ...bad.headers },
      body: body ?? null,
      ...(typeof bad.body === 'function' ? { duplex: 'half' } : {}),
    } as RequestInit)
    expect(response.status).toBe(bad.status)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await response.json()) as Record<string, unknown>
    expect(problem.type).toBe(`urn:quartiersatlas:problem:${bad.slug}`)
    expect(problem.title).toEqual(expect.any(String))
    expect(problem.detail).toEqual(expect.any(String))
    if (bad.detail) expect(problem.detail).toMatch(bad.detail)
    bad.check?.(problem)
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })
})

describe('the limits themselves', () => {
  const post = (body: string) =>
    createApp(db()).request('/api/collections/plots/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', ...auth },
      body,
    })

  it('accepts a geometry of exactly 50,000 vertices', async () => {
    const response = await post(json(plotFeature({}, manyVertices(vertexLimit))))
    expect(response.status, await response.clone().text()).toBe(201)
  })

  it('reads a body of exactly 5 MiB (refused for its content, not its size)', async () => {
    const before = await tableChecksum(db(), 'plots')
    const response = await post(bodyOfBytes(bodyLimit))
    expect(response.status).not.toBe(413)
    expect(((await response.json()) as { type: string }).type).not.toBe(
      'urn:quartiersatlas:problem:body-too-large',
    )
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })
})
