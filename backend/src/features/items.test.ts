import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

type Feature = {
  id: number
  geometry: { type: string; coordinates: unknown }
  properties: Record<string, unknown>
}
type Collection = {
  type: string
  numberMatched: number
  numberReturned: number
  timeStamp: string
  links: { rel: string; href: string; type: string }[]
  features: Feature[]
}

const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`

async function items(path: string, headers: Record<string, string> = {}) {
  const response = await createApp(db()).request(path, { headers })
  return { response, body: (await response.json()) as Collection }
}

describe('GET …/items', () => {
  it('returns GeoJSON with counts, a time stamp, typed links and 10 features by default', async () => {
    const { response, body } = await items('/api/collections/plots/items')
    const [count] = await db().sql<{ n: number }[]>`select count(*)::int as n from plots`
    expect(response.headers.get('content-type')).toBe('application/geo+json')
    expect(response.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>')
    expect(body.type).toBe('FeatureCollection')
    expect(body.numberMatched).toBe(count?.n)
    expect(body.numberReturned).toBe(10)
    expect(body.features).toHaveLength(10)
    expect(Number.isNaN(Date.parse(body.timeStamp))).toBe(false)
    expect(body.links.find((l) => l.rel === 'self')?.type).toBe('application/geo+json')
    expect(body.links.find((l) => l.rel === 'next')?.type).toBe('application/geo+json')
  })

  it('answers numberMatched of an unfiltered request from a count that every kind of write keeps exact', async () => {
    const matched = async () => (await items('/api/collections/places/items?limit=1')).body.numberMatched
    const counted = async () => (await db().sql<{ n: number }[]>`select count(*)::int as n from places`)[0]?.n
    const kept = async () =>
      (await db().sql<{ n: number }[]>`select n::int as n from feature_counts where relation = 'places'`)[0]
        ?.n
    const before = await counted()
    expect(await matched()).toBe(before)
    await db().sql`
      insert into places (name, external_id, geom)
      select 'Zählort ' || i, 'test:count-' || i, st_setsrid(st_point(12.3 + i / 1000.0, 51.3), 4326)
        from generate_series(1, 5) as i`
    expect(await kept()).toBe((before ?? 0) + 5)
    expect(await matched()).toBe((before ?? 0) + 5)
    await db().sql`delete from places where external_id in ('test:count-1', 'test:count-2')`
    expect(await matched()).toBe((before ?? 0) + 3)
    // A truncate sets it to 0; a write that rolls back leaves it as it was.
    let afterTruncate: number | undefined
    await db()
      .sql.begin(async (tx) => {
        await tx`truncate places cascade`
        afterTruncate = (
          await tx<{ n: number }[]>`select n::int as n from feature_counts where relation = 'places'`
        )[0]?.n
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(afterTruncate).toBe(0)
    expect(await matched()).toBe((before ?? 0) + 3)
    await db().sql`delete from places where external_id like 'test:count-%'`
    expect(await kept()).toBe(before)
    expect(await matched()).toBe(await counted())
  })

  it('pages through every feature exactly once by following next links', async () => {
    const seen: number[] = []
    let path: string | undefined = '/api/collections/plots/items?limit=3'
    while (path) {
      const { body } = await items(path)
      seen.push(...body.features.map((f) => f.id))
      const next = body.links.find((l) => l.rel === 'next')?.href
      path = next ? new URL(next).pathname + new URL(next).search : undefined
    }
    const ids = await db().sql<{ id: number }[]>`select id from plots order by id`
    expect(seen).toEqual(ids.map((row) => row.id))
  })

  it('clamps limit to 10,000 and refuses limits that are not positive whole numbers', async () => {
    const { body } = await items('/api/collections/plots/items?limit=50000')
    expect(body.numberReturned).toBe(body.numberMatched)
    for (const limit of ['0', '-1', 'ten', '1.5']) {
      const { response } = await items(`/api/collections/plots/items?limit=${limit}`)
      expect(response.status, limit).toBe(400)
    }
  })

  it('shows exactly the public properties to the public, and more to planners', async () => {
    const { body } = await items('/api/collections/plots/items?limit=1')
    expect(Object.keys(body.features[0]?.properties ?? {}).sort()).toEqual(
      [
        'name',
        'address',
        'gemarkung',
        'flur',
        'flurstueck',
        'previous_use',
        'contamination',
        'status',
        'description',
        'approximate',
        'area_m2',
        'municipality',
        'district_key',
        'programme_area_ids',
      ].sort(),
    )
    const resident = await items('/api/collections/plots/items?limit=1', await authHeaders(db(), 'resident'))
    expect(resident.body.features[0]?.properties).not.toHaveProperty('internal_notes')
    const planner = await items('/api/collections/plots/items?limit=1', await authHeaders(db(), 'planner'))
    expect(planner.body.features[0]?.properties).toHaveProperty('internal_notes')
    expect(planner.response.headers.get('cache-control')).toContain('private')
  })

  it('filters by bbox with the same result as PostGIS', async () => {
    const { body } = await items('/api/collections/plots/items?bbox=12.30,51.30,12.34,51.34&limit=100')
    const expected = await db().sql<{ id: number }[]>`
      select id from plots where st_intersects(geom, st_makeenvelope(12.30, 51.30, 12.34, 51.34, 4326)) order by id`
    expect(expected.length).toBeGreaterThan(0)
    expect(body.features.map((f) => f.id)).toEqual(expected.map((row) => row.id))
    const sixNumbers = await items(
      '/api/collections/plots/items?bbox=12.30,51.30,0,12.34,51.34,100&limit=100',
    )
    expect(sixNumbers.body.numberMatched).toBe(expected.length)
  })

  it('filters by a bbox given in EPSG:25833 (bbox-crs) and by EPSG:4326 in latitude-first order', async () => {
    const [box] = await db().sql<{ x1: number; y1: number; x2: number; y2: number }[]>`
      select st_xmin(b) x1, st_ymin(b) y1, st_xmax(b) x2, st_ymax(b) y2
        from (select st_transform(st_makeenvelope(12.30, 51.30, 12.34, 51.34, 4326), 25833) b) s`
    const projected = await items(
      `/api/collections/plots/items?limit=100&bbox=${box?.x1},${box?.y1},${box?.x2},${box?.y2}&bbox-crs=${epsg(25833)}`,
    )
    const plain = await items('/api/collections/plots/items?bbox=12.30,51.30,12.34,51.34&limit=100')
    expect(projected.body.features.map((f) => f.id)).toEqual(
      expect.arrayContaining(plain.body.features.map((f) => f.id)),
    )
    const latLon = await items(
      `/api/collections/plots/items?bbox=51.30,12.30,51.34,12.34&bbox-crs=${epsg(4326)}&limit=100`,
    )
    expect(latLon.body.features.map((f) => f.id)).toEqual(plain.body.features.map((f) => f.id))
  })

  it('returns only features that meet the bbox, not those whose envelope merely overlaps it', async () => {
    // A diagonal link: its envelope covers the tiny box in its south-east corner, the line does not.
    await db().sql`
      insert into links (name, external_id, geom)
      values ('Diagonale', 'test:diagonal', st_multi(st_geomfromtext('LINESTRING(12.60 51.60, 12.61 51.61)', 4326)))`
    const corner = await items('/api/collections/links/items?bbox=12.6090,51.6001,12.6092,51.6003')
    expect(corner.body.features.map((f) => f.properties.name)).not.toContain('Diagonale')
    expect(corner.body.numberReturned).toBe(0)
    const onTheLine = await items('/api/collections/links/items?bbox=12.6049,51.6049,12.6051,51.6051')
    expect(onTheLine.body.features.map((f) => f.properties.name)).toEqual(['Diagonale'])
  })

  it('intersects a bbox in EPSG:25833 as the box drawn in EPSG:25833, not its envelope in degrees', async () => {
    const box = { x1: 315_000, y1: 5_689_000, x2: 318_000, y2: 5_692_000 }
    const envelope = db().sql`st_makeenvelope(${box.x1}, ${box.y1}, ${box.x2}, ${box.y2}, 25833)`
    // A 2 m plot in the corner of the box's envelope in degrees: UTM's grid is turned against the
    // meridians, so the corner lies outside the box itself.
    await db().sql`
      insert into plots (name, external_id, geom)
      select 'Eckfläche', 'test:corner',
             st_multi(st_expand(st_setsrid(st_point(st_xmin(r) + 0.00001, st_ymin(r) + 0.00001), 4326), 0.00001))
        from (select st_transform(${envelope}, 4326) as r) as region`
    const [check] = await db().sql<{ overlaps: boolean; meets: boolean }[]>`
      select geom && st_transform(${envelope}, 4326) as overlaps,
             st_intersects(st_transform(geom, 25833), ${envelope}) as meets
        from plots where external_id = 'test:corner'`
    expect(check).toEqual({ overlaps: true, meets: false })
    const expected = await db().sql<{ id: number }[]>`
      select id from plots where st_intersects(st_transform(geom, 25833), ${envelope}) order by id`
    const { body } = await items(
      `/api/collections/plots/items?limit=1000&bbox=${box.x1},${box.y1},${box.x2},${box.y2}&bbox-crs=${epsg(25833)}`,
    )
    expect(body.features.map((f) => f.properties.name)).not.toContain('Eckfläche')
    expect(body.features.map((f) => f.id)).toEqual(expected.map((row) => row.id))
  })

  it('finds features on both sides of the antimeridian with a crossing bbox', async () => {
    await db().sql`
      insert into places (name, external_id, geom) values
        ('Ost', 'test:east', st_setsrid(st_point(179.5, -17), 4326)),
        ('West', 'test:west', st_setsrid(st_point(-179.5, -17), 4326)),
        ('Fern', 'test:far', st_setsrid(st_point(0, -17), 4326))`
    const { body } = await items('/api/collections/places/items?bbox=179,-18,-179,-16')
    expect(body.features.map((f) => f.properties.name).sort()).toEqual(['Ost', 'West'])
  })

  it('returns coordinates in EPSG:25833 within 1 mm of ST_Transform, with Content-Crs', async () => {
    const { response, body } = await items(`/api/collections/plots/items?limit=3&crs=${epsg(25833)}`)
    expect(response.headers.get('content-crs')).toBe(`<${epsg(25833)}>`)
    expect(body.features).toHaveLength(3)
    for (const feature of body.features) {
      const points = await db().sql<{ x: number; y: number }[]>`
        select st_x(p.geom) x, st_y(p.geom) y
          from plots, st_dumppoints(st_transform(geom, 25833)) p where id = ${feature.id} order by p.path`
      const coordinates = (feature.geometry.coordinates as number[][][][]).flat(2)
      expect(points.length).toBeGreaterThanOrEqual(4)
      expect(coordinates).toHaveLength(points.length)
      coordinates.forEach(([x, y], i) => {
        expect(Math.abs((x as number) - (points[i]?.x as number))).toBeLessThan(0.001)
        expect(Math.abs((y as number) - (points[i]?.y as number))).toBeLessThan(0.001)
      })
    }
  })

  it('puts latitude first for EPSG:4326', async () => {
    const crs84 = await items('/api/collections/places/items?limit=1')
    const latLon = await items(`/api/collections/places/items?limit=1&crs=${epsg(4326)}`)
    const [lon, lat] = (crs84.body.features[0]?.geometry.coordinates ?? []) as number[]
    expect(latLon.body.features[0]?.geometry.coordinates).toEqual([lat, lon])
  })

  it('filters by datetime instants and open intervals on the time span of a layer', async () => {
    const count = async (datetime: string) =>
      (await items(`/api/collections/programme-areas/items?limit=1000&datetime=${datetime}`)).body
        .numberMatched
    const [row] = await db().sql<{ at: number; after: number; before: number }[]>`
      select count(*) filter (where (period_start is null or period_start <= '2012-06-01')
                               and (period_end is null or period_end >= '2012-06-01'))::int as at,
             count(*) filter (where period_end is null or period_end >= '2020-01-01')::int as after,
             count(*) filter (where period_start is null or period_start <= '2005-01-01')::int as before
        from programme_areas`
    expect(await count('2012-06-01')).toBe(row?.at)
    expect(await count('2012-06-01T12:00:00Z')).toBe(row?.at)
    expect(await count('2020-01-01/..')).toBe(row?.after)
    expect(await count('../2005-01-01')).toBe(row?.before)
    const { response } = await items('/api/collections/programme-areas/items?datetime=2020-13-01')
    expect(response.status).toBe(400)
  })

  it('filters by equality on queryables and refuses values outside a vocabulary', async () => {
    const { body } = await items('/api/collections/plots/items?status=fallow&limit=100')
    const [row] = await db().sql<{ n: number }[]>`select count(*)::int n from plots where status = 'fallow'`
    expect(body.numberMatched).toBe(row?.n)
    expect(body.features.every((f) => f.properties.status === 'fallow')).toBe(true)
    const bad = await items('/api/collections/plots/items?status=ruined')
    expect(bad.response.status).toBe(400)
  })

  it('refuses unknown parameters, unknown CRSs and a non-queryable property with 400 problems', async () => {
    for (const query of [
      'foo=1',
      `crs=${epsg(31468)}`,
      'bbox-crs=urn:nothing&bbox=1,2,3,4',
      'internal_notes=x',
      'bbox=1,2,3',
      'cursor=abc',
    ]) {
      const { response } = await items(`/api/collections/plots/items?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})

describe('GET …/items/{featureId}', () => {
  it('returns one feature with a strong ETag from its version', async () => {
    const response = await createApp(db()).request('/api/collections/plots/items/1')
    expect(response.status).toBe(200)
    const [row] = await db().sql<{ version: number }[]>`select version from plots where id = 1`
    expect(response.headers.get('etag')).toBe(`"plots-1-v${row?.version}"`)
    const feature = (await response.json()) as Feature
    expect(feature.id).toBe(1)
    const again = await createApp(db()).request('/api/collections/plots/items/1', {
      headers: { 'If-None-Match': response.headers.get('etag') as string },
    })
    expect(again.status).toBe(304)
  })

  it('answers unknown and non-integer ids with a 404 problem', async () => {
    for (const id of ['999999', 'abc', '0', '1.5']) {
      const response = await createApp(db()).request(`/api/collections/plots/items/${id}`)
      expect(response.status, id).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
  })

  it('serves the read-only interim uses without private parties', async () => {
    const response = await createApp(db()).request('/api/collections/interim-uses/items?limit=100')
    const body = (await response.json()) as Collection
    expect(body.numberMatched).toBeGreaterThan(0)
    for (const feature of body.features) {
      expect(Object.keys(feature.properties)).not.toContain('conditions')
      expect(Object.keys(feature.properties)).not.toContain('internal_notes')
    }
  })
})
