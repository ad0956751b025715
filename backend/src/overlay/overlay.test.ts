import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { fieldsOfAction, plotStatuses, programmes } from '../contract/vocabulary.ts'
import { useTestDatabase } from '../test/test-database.ts'
import type { OverlayArea } from './overlay.queries.ts'

const db = useTestDatabase()

async function figures(query: string): Promise<OverlayArea[]> {
  const response = await createApp(db()).request(`/api/overlay/figures?${query}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { areas: OverlayArea[] }).areas
}

// The same figures for one area, computed another way: joins and group by instead of
// subqueries, the interior test as a DE-9IM pattern, the CRS written out, agreements and their
// plots instead of the interim_uses view.
async function independentFigures(externalId: string) {
  const { sql } = db()
  const area = sql`(select geom, st_transform(geom, 25833) as g from programme_areas where external_id = ${externalId})`
  const plots = await sql<{ status: string; count: number; ha: number }[]>`
    select p.status, count(*)::int as count,
           (sum(st_area(st_intersection(st_transform(p.geom, 25833), a.g))) / 10000)::float8 as ha
      from plots p join ${area} a on st_relate(p.geom, a.geom, 'T********')
     group by p.status`
  const [interim]: [{ ha: number }?] = await sql`
    select (coalesce(st_area(st_intersection(used.geom, a.g)), 0) / 10000)::float8 as ha
      from (select st_union(st_transform(p.geom, 25833)) as geom
              from plots p join ${area} a on st_relate(p.geom, a.geom, 'T********')
             where p.id in (select ap.plot_id from agreement_plots ap join agreements ag on ag.id = ap.agreement_id
                             where ag.status in ('active', 'ending'))) used, ${area} a`
  const [ending]: [{ count: number }?] = await sql`
    select count(distinct ag.id)::int as count
      from agreements ag
      join agreement_plots ap on ap.agreement_id = ag.id
      join plots p on p.id = ap.plot_id
      join ${area} a on st_relate(p.geom, a.geom, 'T********')
     where ag.status in ('active', 'ending')
       and ag.term_end >= current_date and ag.term_end <= current_date + interval '12 months'`
  const measures = await sql<{ field: string; count: number }[]>`
    select m.field_of_action as field, count(*)::int as count
      from measures m join ${area} a on st_relate(m.geom, a.geom, 'T********')
     group by m.field_of_action`
  const overlaps = await sql<{ name: string; ha: number }[]>`
    select o.name, (st_area(st_intersection(st_transform(o.geom, 25833), a.g)) / 10000)::float8 as ha
      from programme_areas o join ${area} a on st_relate(o.geom, a.geom, 'T********')
     where o.external_id <> ${externalId}`
  const [size]: [{ ha: number }?] = await sql`select (st_area(g) / 10000)::float8 as ha from ${area} a`
  return {
    plots,
    interim: interim?.ha ?? 0,
    ending: ending?.count ?? 0,
    measures,
    overlaps,
    area: size?.ha ?? 0,
  }
}

// A small RFC 4180 reader: quoted fields may hold separators, quotes and line breaks.
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') field += text[++i]
      else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === separator) endField()
    else if (char === '\n') {
      endField()
      rows.push(row)
      row = []
    } else if (char !== '\r') field += char
  }
  return rows
}

describe('GET /api/overlay/figures', () => {
  it('gives Leipziger Westen the figures an independent PostGIS query finds', async () => {
    const areas = await figures('programmes=szp,urban_ii')
    const westen = areas.find((area) => area.name === 'Leipziger Westen')
    if (!westen) throw new Error('Leipziger Westen is missing')
    const expected = await independentFigures('demo:programme-area:leipziger-westen-szp')

    expect(westen.area_ha).toBeCloseTo(expected.area, 3)
    for (const status of Object.keys(plotStatuses)) {
      const row = expected.plots.find((p) => p.status === status)
      expect(westen.plots[status]?.count, status).toBe(row?.count ?? 0)
      expect(westen.plots[status]?.ha, status).toBeCloseTo(row?.ha ?? 0, 3)
    }
    expect(westen.plots.interim_use?.count).toBeGreaterThan(0)
    expect(westen.interim_use_ha).toBeGreaterThan(0)
    expect(westen.interim_use_ha).toBeCloseTo(expected.interim, 3)
    expect(westen.interim_use_share).toBeCloseTo(expected.interim / expected.area, 5)
    expect(westen.agreements_ending_12m).toBe(expected.ending)
    for (const field of Object.keys(fieldsOfAction)) {
      expect(westen.measures[field], field).toBe(expected.measures.find((m) => m.field === field)?.count ?? 0)
    }
    expect(westen.overlaps.map((o) => o.name)).toEqual(expected.overlaps.map((o) => o.name))
    expect(westen.overlaps[0]?.overlap_ha).toBeCloseTo(expected.overlaps[0]?.ha ?? -1, 3)
  })

  it('picks areas by programme, by period overlapping [from, to] and by municipality', async () => {
    const names = async (query: string) => (await figures(query)).map((area) => area.name).sort()
    expect(await names('')).toHaveLength(5)
    expect(await names('programmes=stadtumbau')).toEqual(['Rheinische Straße'])
    expect(await names('programmes=szp,urban_ii&from=2007-01-01')).toEqual([
      'Grünau',
      'Leipziger Osten',
      'Leipziger Westen',
    ])
    expect(await names('to=2006-12-31')).toEqual(['Grünau', 'URBAN II Leipziger Westen'])
    expect(await names('from=2017-01-01&to=2017-12-31&programmes=stadtumbau')).toEqual([])
    expect(await names('municipality=05913000')).toEqual(['Rheinische Straße'])
  })

  it("names each area's city and lists the areas city by city", async () => {
    const areas = await figures('')
    expect(areas.map((area) => [area.city, area.municipality])).toEqual([
      ['Dortmund', '05913000'],
      ...Array(4).fill(['Leipzig', '14713000']),
    ])
    // Each area's box (for the map to fit) holds a point of the area.
    for (const area of areas) {
      const [inside]: [{ lon: number; lat: number }?] = await db().sql`
        select st_x(p) as lon, st_y(p) as lat
          from (select st_pointonsurface(geom) as p from programme_areas where id = ${area.id}) x`
      const [west, south, east, north] = area.bbox
      expect(
        inside && inside.lon > west && inside.lon < east && inside.lat > south && inside.lat < north,
      ).toBe(true)
    }
  })

  it('writes the same figures as CSV, German with ; and decimal comma, English with , and point', async () => {
    const areas = await figures('programmes=szp,urban_ii&lang=en')
    for (const lang of ['en', 'de'] as const) {
      const response = await createApp(db()).request(
        `/api/overlay/figures.csv?programmes=szp,urban_ii&lang=${lang}`,
      )
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="quartiersatlas-overlay-[\w-]+\.csv"$/,
      )
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const [header = [], ...rows] = parseCsv(new TextDecoder().decode(bytes), lang === 'de' ? ';' : ',')
      expect(rows).toHaveLength(areas.length)
      const number = (text: string | undefined) =>
        Number((lang === 'de' ? text?.replace(',', '.') : text) ?? NaN)
      for (const [index, area] of areas.entries()) {
        const cell = (name: string) => rows[index]?.[header.indexOf(name)]
        expect(cell('ID')).toBe(String(area.id))
        expect(cell(lang === 'de' ? 'Fördergebiet' : 'Programme area')).toBe(area.name)
        expect(cell(lang === 'de' ? 'Stadt' : 'City')).toBe(area.city)
        expect(cell(lang === 'de' ? 'Programm' : 'Programme')).toBe(
          programmes[area.programme as keyof typeof programmes][lang],
        )
        expect(number(cell(lang === 'de' ? 'Fläche (ha)' : 'Area (ha)'))).toBe(area.area_ha)
        for (const [status, label] of Object.entries(plotStatuses)) {
          const prefix = lang === 'de' ? `Grundstücke ${label.de}` : `Plots ${label.en}`
          expect(number(cell(`${prefix} (${lang === 'de' ? 'Anzahl' : 'count'})`))).toBe(
            area.plots[status]?.count,
          )
          expect(number(cell(`${prefix} (ha)`))).toBe(area.plots[status]?.ha)
        }
        expect(number(cell(lang === 'de' ? 'Zwischennutzung (ha)' : 'Interim use (ha)'))).toBe(
          area.interim_use_ha,
        )
        expect(
          number(cell(lang === 'de' ? 'Anteil Zwischennutzung (%)' : 'Share in interim use (%)')),
        ).toBeCloseTo(area.interim_use_share * 100, 4)
        for (const [field, label] of Object.entries(fieldsOfAction)) {
          expect(number(cell(lang === 'de' ? `Maßnahmen: ${label.de}` : `Measures: ${label.en}`))).toBe(
            area.measures[field],
          )
        }
      }
      const westen = rows.find((row) => row[2] === 'Leipziger Westen')
      expect(westen?.at(-1)).toBe(
        lang === 'de' ? 'URBAN II Leipziger Westen (433,0332)' : 'URBAN II Leipziger Westen (433.0332)',
      )
    }
  })

  it('refuses unknown programmes, bad dates and unknown parameters with a 400 problem', async () => {
    const { sql } = db()
    const checksum = () => sql`select md5(string_agg(p::text, '' order by id)) as sum from programme_areas p`
    const before = await checksum()
    for (const query of [
      'programmes=szp,nonsense',
      'programmes=',
      'from=2026-02-30',
      'from=21.11.2026',
      'from=2020-01-01&to=2019-12-31',
      'year=2020',
      'municipality=123',
      'municipality=99999999',
      'lang=fr',
    ]) {
      for (const path of ['figures', 'figures.csv']) {
        const response = await createApp(db()).request(`/api/overlay/${path}?${query}`)
        expect(response.status, `${path}?${query}`).toBe(400)
        expect(response.headers.get('content-type')).toContain('application/problem+json')
      }
    }
    expect(await checksum()).toEqual(before)
  })
})
