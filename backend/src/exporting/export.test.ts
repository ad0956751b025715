import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'

// Exports read back by GDAL, as a desktop GIS would open them: the count, the CRS and each
// feature's area (within 0.01 % of PostGIS's, from the WKT GDAL reads), for every format.

const run = promisify(execFile)
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0
if (!hasGdal)
  console.warn('export.test.ts: GDAL checks skipped, ogrinfo is not installed (apt-get install gdal-bin)')

const db = useTestDatabase()
const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-export-'))
let app: ReturnType<typeof createApp>
let planner: Record<string, string>

beforeAll(async () => {
  app = createApp(db())
  planner = await authHeaders(db(), 'planner')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const utm33 = 'http://www.opengis.net/def/crs/EPSG/0/25833'

async function download(query: string, headers: Record<string, string> = {}) {
  const response = await app.request(`/api/collections/${query}`, { headers })
  expect(
    response.status,
    await response
      .clone()
      .text()
      .then((text) => text.slice(0, 300)),
  ).toBe(200)
  return { response, bytes: Buffer.from(await response.arrayBuffer()) }
}

/** Each feature's key and area as GDAL reads the file, the area by PostGIS from GDAL's WKT. */
async function gdalAreas(
  path: string,
  srid: number,
  key: string,
  options: string[] = [],
): Promise<Map<string, number>> {
  const { stdout } = await run(
    'ogr2ogr',
    ['-f', 'CSV', '/vsistdout/', path, '-lco', 'GEOMETRY=AS_WKT', ...options],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  const records: Record<string, string>[] = parse(stdout, { columns: true })
  const wkts = records.map((record) => record.WKT ?? '')
  const rows = await db().sql<{ area: number }[]>`
    select st_area(st_geomfromtext(w, ${srid}::int))::float8 as area from unnest(${wkts}::text[]) with ordinality as t(w, n) order by n`
  return new Map(records.map((record, i) => [String(record[key]), rows[i]?.area ?? Number.NaN]))
}

async function districtAreas(): Promise<Map<string, number>> {
  const rows = await db().sql<{ key: string; area: number }[]>`
    select key, st_area(st_transform(geom, 25833))::float8 as area from districts`
  return new Map(rows.map((row) => [row.key, row.area]))
}

function expectSameAreas(read: Map<string, number>, expected: Map<string, number>) {
  expect(read.size).toBe(expected.size)
  for (const [key, area] of expected) {
    const got = read.get(key)
    expect(got, `district ${key}`).toBeDefined()
    expect(Math.abs((got as number) - area) / area, `district ${key}`).toBeLessThan(1e-4)
  }
}

describe.skipIf(!hasGdal)('exports read by GDAL', () => {
  it('exports the 63 official districts as a GeoPackage in EPSG:25833 that GDAL reads with their areas', async () => {
    const { response, bytes } = await download(`districts/export?f=gpkg&crs=${utm33}`)
    expect(response.headers.get('content-type')).toBe('application/geopackage+sqlite3')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="districts.gpkg"')
    const path = join(dir, 'districts.gpkg')
    writeFileSync(path, bytes)
    const { stdout } = await run('ogrinfo', ['-ro', '-so', path, 'districts'])
    expect(stdout).toContain('Feature Count: 63')
    expect(stdout).toContain('Geometry: Multi Polygon')
    expect(stdout).toContain('ID["EPSG",25833]')
    expect(stdout).toMatch(/key: String/)
    expect(stdout).toMatch(/area_m2: Real/)
    expectSameAreas(await gdalAreas(path, 25833, 'key'), await districtAreas())
  })

  it('exports them as a zipped Shapefile with .prj and .cpg, FlatGeobuf, GeoJSON and CSV that GDAL reads alike', async () => {
    const expected = await districtAreas()
    const shp = await download(`districts/export?f=shp&crs=${utm33}`)
    expect(shp.response.headers.get('content-type')).toBe('application/zip')
    writeFileSync(join(dir, 'districts.zip'), shp.bytes)
    const listing = await run('unzip', ['-l', join(dir, 'districts.zip')]).catch(() => undefined)
    if (listing)
      for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'])
        expect(listing.stdout).toContain(`districts.${ext}`)
    const shpPath = `/vsizip/${join(dir, 'districts.zip')}/districts.shp`
    const info = await run('ogrinfo', ['-ro', '-so', shpPath, 'districts'])
    expect(info.stdout).toContain('Feature Count: 63')
    expect(info.stdout).toContain('Polygon')
    expect(info.stdout).toMatch(/ETRS89 \/ UTM zone 33N/)
    expectSameAreas(await gdalAreas(shpPath, 25833, 'key'), expected)

    const fgb = await download(`districts/export?f=fgb&crs=${utm33}`)
    writeFileSync(join(dir, 'districts.fgb'), fgb.bytes)
    const fgbInfo = await run('ogrinfo', ['-ro', '-so', '-al', join(dir, 'districts.fgb')])
    expect(fgbInfo.stdout).toContain('Feature Count: 63')
    expect(fgbInfo.stdout).toContain('ID["EPSG",25833]')
    expectSameAreas(await gdalAreas(join(dir, 'districts.fgb'), 25833, 'key'), expected)

    // CRS84 here: the areas come back through PostGIS in EPSG:25833 for the comparison.
    const geojson = await download('districts/export?f=geojson')
    writeFileSync(join(dir, 'districts.geojson'), geojson.bytes)
    expectSameAreas(
      await gdalAreas(join(dir, 'districts.geojson'), 25833, 'key', ['-t_srs', 'EPSG:25833']),
      expected,
    )

    const csv = await download(`districts/export?f=csv&crs=${utm33}`)
    writeFileSync(join(dir, 'districts.csv'), csv.bytes)
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const csvOptions = ['-oo', 'GEOM_POSSIBLE_NAMES=wkt', '-oo', 'KEEP_GEOM_COLUMNS=NO']
    const csvInfo = await run('ogrinfo', [
      '-ro',
      '-so',
      '-al',
      '-oo',
      'GEOM_POSSIBLE_NAMES=wkt',
      '-oo',
      'KEEP_GEOM_COLUMNS=NO',
      join(dir, 'districts.csv'),
    ])
    expect(csvInfo.stdout).toContain('Feature Count: 63')
    expectSameAreas(await gdalAreas(join(dir, 'districts.csv'), 25833, 'key', csvOptions), expected)
  })
})

describe.skipIf(!hasGdal)('a Shapefile of plots read by GDAL', () => {
  it('keeps umlauts (UTF-8, declared by the .cpg) and cuts long texts to 254 bytes', async () => {
    const shp = await download('plots/export?f=shp', planner)
    writeFileSync(join(dir, 'plots.zip'), shp.bytes)
    const { stdout } = await run('ogr2ogr', [
      '-f',
      'CSV',
      '/vsistdout/',
      `/vsizip/${join(dir, 'plots.zip')}/plots.shp`,
    ])
    const records: Record<string, string>[] = parse(stdout, { columns: true })
    const plots = await db().sql<
      { name: string; description: string | null }[]
    >`select name, description from plots order by id`
    expect(records.map((record) => record.name)).toEqual(plots.map((plot) => plot.name))
    expect(records.map((record) => record.name).join()).toMatch(/[äöüß]/)
    for (const [i, plot] of plots.entries()) {
      const read = records[i]?.descriptio ?? ''
      const whole = plot.description ?? ''
      expect(Buffer.byteLength(read), `plot ${i}`).toBeLessThanOrEqual(254)
      expect(whole.startsWith(read), `plot ${i}`).toBe(true)
      if (Buffer.byteLength(whole) <= 254) expect(read, `plot ${i}`).toBe(whole)
    }
  })
})

type Item = { geometry: unknown; properties: Record<string, unknown> }
const read = async <T>(path: string): Promise<T> => (await (await app.request(path)).json()) as T

describe('export rules', () => {
  it('writes German CSV by default (BOM, ";", decimal comma) and plain CSV on request', async () => {
    const [plot] = await db().sql<
      { id: number; area: string }[]
    >`select id, area_m2::text as area from plots where area_m2 <> round(area_m2) order by id limit 1`
    expect(plot).toBeDefined()
    const german = (await download(`plots/export?f=csv&ids=${plot?.id}`)).bytes.toString('utf8')
    expect(german.startsWith('\uFEFFid;name;')).toBe(true)
    expect(german).toContain(`;${plot?.area.replace('.', ',')};`)
    expect(german.split('\r\n')).toHaveLength(3)
    const plain = (await download(`plots/export?f=csv&csv=rfc4180&ids=${plot?.id}`)).bytes.toString('utf8')
    expect(plain.startsWith('id,name,')).toBe(true)
    expect(plain).toContain(`,${plot?.area},`)
  })

  it('gives planners the plots register: hectares to 2 decimals, German labels and dates, retired plots with their end date', async () => {
    expect((await app.request('/api/collections/plots/register')).status).toBe(401)
    const [plot] = await db().sql<{ id: number }[]>`
      insert into plots (name, address, previous_use, contamination, status, external_id, geom)
      values ('Alte Gärtnerei', 'Merseburger Str. 1', 'Gärtnerei', 'suspected', 'fallow', 'BF-REG-1',
              st_multi(st_buffer(st_setsrid(st_point(12.3300, 51.3300), 4326)::geography, 40)::geometry))
      returning id`
    await db().sql`delete from plots where id = ${plot?.id ?? 0}`
    const [gone] = await db().sql<{ ha: string; ended: string }[]>`
      select to_char(round((before->>'area_m2')::numeric / 10000, 2), 'FM0.00') as ha,
             to_char(changed_at at time zone 'Europe/Berlin', 'DD.MM.YYYY') as ended
        from history where table_name = 'plots' and row_id = ${plot?.id ?? 0} and operation = 'delete'`
    const german = (await download('plots/register', planner)).bytes.toString('utf8')
    const lines = german.slice(1).split('\r\n')
    expect(lines[0]).toBe(
      'Kennung;Bezeichnung;Adresse;Gemarkung;Flur;Flurstück;Fläche (ha);Eigentum;Planungsstand;Vornutzung;Altlasten;Ortsteil;Erfasst am;Geändert am;Aufgegeben am',
    )
    const retired = lines.find((line) => line.startsWith('BF-REG-1;'))
    expect(retired).toMatch(
      new RegExp(
        `^BF-REG-1;Alte Gärtnerei;Merseburger Str\\. 1;;;;${gone?.ha.replace('.', ',')};unbekannt;Brache;Gärtnerei;Altlastenverdacht;\\d*;\\d\\d\\.\\d\\d\\.\\d{4};\\d\\d\\.\\d\\d\\.\\d{4};${gone?.ended}$`,
      ),
    )
    const [count] = await db().sql<{ n: number }[]>`select count(*)::int as n from plots`
    // Header, every current plot, the retired one, and the empty line after the last CRLF.
    expect(lines).toHaveLength((count?.n ?? 0) + 3)
    const plain = (await download('plots/register?csv=rfc4180', planner)).bytes.toString('utf8')
    expect(plain).toMatch(/^Kennung,/)
    expect(plain).toContain(`,${gone?.ha},unbekannt,`)
  })

  it('exports public fields for anyone, internal ones for planners, the area tags for both', async () => {
    const anyone = JSON.parse((await download('plots/export')).bytes.toString('utf8'))
    const [count] = await db().sql<{ n: number }[]>`select count(*)::int as n from plots`
    expect(anyone.features).toHaveLength(count?.n ?? -1)
    const properties = Object.keys(anyone.features[0].properties)
    expect(properties).toContain('district_key')
    expect(properties).toContain('programme_area_ids')
    expect(properties).not.toContain('internal_notes')
    expect(properties).not.toContain('owner_party_id')
    const forPlanner = JSON.parse((await download('plots/export', planner)).bytes.toString('utf8'))
    expect(Object.keys(forPlanner.features[0].properties)).toContain('internal_notes')
  })

  it('shows the district and programme-area tags on items, filters items and exports by district, and ignores them in a write', async () => {
    const [tagged] = await db().sql<{ id: number; key: string; ids: number[]; n: number }[]>`
      select id, district_key as key, programme_area_ids as ids,
             (select count(*)::int from plots q where q.district_key = p.district_key) as n
        from plots p where district_key is not null order by id limit 1`
    expect(tagged).toBeDefined()
    const one = await read<Item>(`/api/collections/plots/items/${tagged?.id}`)
    expect(one.properties).toMatchObject({ district_key: tagged?.key, programme_area_ids: tagged?.ids })
    const items = await read<{ features: Item[] }>(
      `/api/collections/plots/items?district_key=${tagged?.key}&limit=1000`,
    )
    expect(items.features).toHaveLength(tagged?.n ?? -1)
    expect(items.features.every((f) => f.properties.district_key === tagged?.key)).toBe(true)
    const exported = JSON.parse(
      (await download(`plots/export?district_key=${tagged?.key}`)).bytes.toString('utf8'),
    )
    expect(exported.features).toHaveLength(tagged?.n ?? -1)
    // A feature read and written back whole (as QGIS does) carries the tags; the database keeps them.
    const etag = (await app.request(`/api/collections/plots/items/${tagged?.id}`)).headers.get('etag') ?? ''
    const put = await app.request(`/api/collections/plots/items/${tagged?.id}`, {
      method: 'PUT',
      headers: { ...planner, 'Content-Type': 'application/geo+json', 'If-Match': etag },
      body: JSON.stringify({
        type: 'Feature',
        geometry: one.geometry,
        properties: { ...one.properties, district_key: 'XX', programme_area_ids: [] },
      }),
    })
    expect(put.status, await put.clone().text()).toBe(200)
    const after = await read<Item>(`/api/collections/plots/items/${tagged?.id}`)
    expect(after.properties).toMatchObject({ district_key: tagged?.key, programme_area_ids: tagged?.ids })
  })

  it('keeps the items filters and a selection of ids', async () => {
    const [fallow] = await db().sql<
      { n: number }[]
    >`select count(*)::int as n from plots where status = 'fallow'`
    const filtered = JSON.parse((await download('plots/export?status=fallow')).bytes.toString('utf8'))
    expect(filtered.features).toHaveLength(fallow?.n ?? -1)
    expect(
      filtered.features.every((f: { properties: { status: string } }) => f.properties.status === 'fallow'),
    ).toBe(true)
    const ids = await db().sql<{ id: number }[]>`select id from plots order by id limit 2`
    const chosen = JSON.parse(
      (await download(`plots/export?ids=${ids.map((row) => row.id).join(',')}`)).bytes.toString('utf8'),
    )
    expect(chosen.features.map((f: { id: number }) => f.id)).toEqual(ids.map((row) => row.id))
  })

  it('refuses an unknown format, a Shapefile of a mixed layer and bad ids as problems', async () => {
    for (const [query, status] of [
      ['plots/export?f=kml', 400],
      ['plots/export?f=gpkg&crs=http://www.opengis.net/def/crs/EPSG/0/4326', 400],
      ['measures/export?f=shp', 400],
      ['plots/export?ids=1,x', 400],
      ['plots/export?csv=excel&f=csv', 400],
      ['nothing/export', 404],
    ] as const) {
      const response = await app.request(`/api/collections/${query}`)
      expect(response.status, query).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})
