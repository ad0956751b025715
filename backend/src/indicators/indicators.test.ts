import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import type { CompositeIndex, DistrictProfile, IndicatorClasses } from '../contract/indicators.schema.ts'
import { useTestDatabase } from '../test/test-database.ts'

// Indicators per district against hand computations on small fixtures of official Leipzig
// districts (the demo's 63 Ortsteile are in the test database).

const db = useTestDatabase()
let planner: Record<string, string>

const definition = (higher_is: 'worse' | 'better') => ({
  name_de: 'Testindikator',
  name_en: 'Test indicator',
  unit: '%',
  higher_is,
  source: 'test fixture',
})

async function request(path: string, init: RequestInit = {}) {
  return createApp(db()).request(path, init)
}

async function define(key: string, higherIs: 'worse' | 'better') {
  const response = await request(`/api/indicators/${key}`, {
    method: 'PUT',
    headers: { ...planner, 'Content-Type': 'application/json' },
    body: JSON.stringify(definition(higherIs)),
  })
  expect(response.status).toBe(201)
}

async function importCsv(csv: string, headers = planner) {
  return request('/api/indicators/values', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'text/csv' },
    body: csv,
  })
}

/** A problem+json (or other JSON) body, to read its members. */
const body = async (response: Response) => (await response.json()) as Record<string, unknown>

async function json<T>(path: string): Promise<T> {
  const response = await request(path)
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as T
}

beforeAll(async () => {
  planner = await authHeaders(db(), 'planner')
  await define('fix_a', 'worse')
  await define('fix_b', 'better')
  // Six districts for the classes (fix_a) and four of them for the index (fix_b). German
  // conventions: ";" and a decimal comma; the name column is for people and is not imported.
  const response = await importCsv(
    [
      'key;name;year;fix_a;fix_b',
      '00;Zentrum;2030;1;',
      '01;Zentrum-Ost;2030;2;',
      '02;Zentrum-Südost;2030;4;',
      '03;Zentrum-Süd;2030;7;',
      '04;Zentrum-West;2030;8;',
      '05;Zentrum-Nordwest;2030;20;',
      '10;Schönefeld-Abtnaundorf;2031;10;5',
      '11;Schönefeld-Ost;2031;20;5',
      '12;Mockau-Süd;2031;30;10',
      '13;Mockau-Nord;2031;40;20',
      '00;Zentrum;2025;0,5;',
      '01;Zentrum-Ost;2025;3,25;',
    ].join('\n'),
  )
  expect(response.status, await response.clone().text()).toBe(200)
  expect(await response.json()).toEqual({
    imported: 16,
    indicators: ['fix_a', 'fix_b'],
    years: [2025, 2030, 2031],
  })
})

const classesOf = (method: string, extra = '') =>
  json<IndicatorClasses>(`/api/indicators/fix_a/classes?year=2030&method=${method}&classes=3${extra}`)

describe('indicator classes', () => {
  // Values 1, 2, 4, 7, 8, 20 in three classes, by hand.
  it('quantiles interpolate like percentile_cont: bounds 3 1/3, 7 1/3, 20; two districts each', async () => {
    const { classes, districts } = await classesOf('quantile')
    expect(classes.map((c) => c.upper)).toEqual([expect.closeTo(10 / 3, 9), expect.closeTo(22 / 3, 9), 20])
    expect(classes.map((c) => c.lower)).toEqual([1, expect.closeTo(10 / 3, 9), expect.closeTo(22 / 3, 9)])
    expect(classes.map((c) => c.count)).toEqual([2, 2, 2])
    expect(Object.fromEntries(districts.map((d) => [d.key, d.class]))).toEqual({
      '00': 1,
      '01': 1,
      '02': 2,
      '03': 2,
      '04': 3,
      '05': 3,
    })
  })

  it('natural breaks (Jenks) split 1 2 4 | 7 8 | 20, the least squared deviation (5 1/6)', async () => {
    // Within-class sums of squares: {1,2,4} 4 2/3 + {7,8} 1/2 + {20} 0 = 5 1/6; the next best
    // split {1,2} {4,7,8} {20} has 9 1/6.
    const { classes } = await classesOf('jenks')
    expect(classes.map((c) => [c.lower, c.upper, c.count])).toEqual([
      [1, 4, 3],
      [4, 8, 2],
      [8, 20, 1],
    ])
  })

  it('equal intervals split 1 to 20 into steps of 6 1/3', async () => {
    const { classes } = await classesOf('equal')
    expect(classes.map((c) => c.upper)).toEqual([expect.closeTo(22 / 3, 9), expect.closeTo(41 / 3, 9), 20])
    expect(classes.map((c) => c.count)).toEqual([4, 1, 1])
  })

  it('classes the change between two years over the districts with both', async () => {
    const { districts } = await classesOf('quantile', '&since=2025')
    expect(districts.map((d) => [d.key, d.value])).toEqual([
      ['00', 0.5],
      ['01', -1.25],
    ])
  })

  it('refuses an unknown method and an unknown indicator', async () => {
    expect((await request('/api/indicators/fix_a/classes?year=2030&method=kmeans')).status).toBe(400)
    expect((await request('/api/indicators/nothing/classes?year=2030')).status).toBe(404)
  })
})

describe('the composite index', () => {
  // fix_a (higher is worse) 10, 20, 30, 40 with weight 2; fix_b (higher is better) 5, 5, 10, 20
  // with weight 1. z-scores (population sd √125 and √37.5): fix_a −1.3416, −0.4472, 0.4472,
  // 1.3416; fix_b negated 0.8165, 0.8165, 0, −1.6330. Index (2a + b) / 3: 0.3501 (Mockau-Nord),
  // 0.2981, −0.0260, −0.6223.
  it('ranks by the weighted mean of z-scores oriented to need', async () => {
    const { ranking, classes } = await json<CompositeIndex>(
      '/api/indicators/index?year=2031&indicators=fix_a:2,fix_b:1&standardise=z&classes=2',
    )
    expect(ranking.map((row) => [row.rank, row.key])).toEqual([
      [1, '13'],
      [2, '12'],
      [3, '11'],
      [4, '10'],
    ])
    expect(ranking.map((row) => row.index)).toEqual([
      expect.closeTo(0.3501, 4),
      expect.closeTo(0.2981, 4),
      expect.closeTo(-0.026, 4),
      expect.closeTo(-0.6223, 4),
    ])
    expect(ranking[0]?.scores).toEqual({ fix_a: 1.3416, fix_b: -1.633 })
    expect(classes.reduce((sum, c) => sum + c.count, 0)).toBe(4)
  })

  it('ranks by percent ranks: fix_a 0, 1/3, 2/3, 1; fix_b (higher better) 2/3, 2/3, 1/3, 0', async () => {
    const { ranking } = await json<CompositeIndex>(
      '/api/indicators/index?year=2031&indicators=fix_a:2,fix_b:1&standardise=rank',
    )
    expect(ranking.map((row) => [row.key, row.index])).toEqual([
      ['13', expect.closeTo(2 / 3, 9)],
      ['12', expect.closeTo(5 / 9, 9)],
      ['11', expect.closeTo(4 / 9, 9)],
      ['10', expect.closeTo(2 / 9, 9)],
    ])
  })

  it('turns an indicator round when the query says so, and exports the ranking as German CSV', async () => {
    const { ranking } = await json<CompositeIndex>(
      '/api/indicators/index?year=2031&indicators=fix_a:1:better',
    )
    expect(ranking.map((row) => row.key)).toEqual(['10', '11', '12', '13'])
    const csv = await (await request('/api/indicators/index.csv?year=2031&indicators=fix_a:2,fix_b:1')).text()
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('Rang;Schlüssel;Ortsteil;Index;fix_a;fix_b')
    expect(lines[1]).toBe('1;13;Mockau-Nord;0,3501;1,3416;-1,633')
  })

  it('refuses an unknown indicator and a malformed weight', async () => {
    const unknown = await request('/api/indicators/index?year=2031&indicators=fix_a:1,nothing:2')
    expect(unknown.status).toBe(400)
    expect((await body(unknown)).detail).toContain('nothing')
    expect((await request('/api/indicators/index?year=2031&indicators=fix_a:heavy')).status).toBe(400)
  })
})

describe('importing indicator tables', () => {
  it('refuses a table with unmatched district keys, names them, and imports nothing', async () => {
    const before = await db().sql`select * from indicator_values order by indicator, district_key, year`
    const response = await importCsv(['key;year;fix_a', '00;2040;1,5', '7X;2040;2', '999;2040;3'].join('\n'))
    expect(response.status).toBe(422)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = await body(response)
    expect(problem.keys).toEqual(['7X', '999'])
    expect(problem.detail).toContain('7X, 999')
    const after = await db().sql`select * from indicator_values order by indicator, district_key, year`
    expect(after).toEqual(before)
  })

  it('refuses an undefined indicator column, a value that is no number, and a resident', async () => {
    const unknown = await importCsv('key;year;fix_zz\n00;2040;1')
    expect(unknown.status).toBe(422)
    expect((await body(unknown)).indicators).toEqual(['fix_zz'])
    const word = await importCsv('key;year;fix_a\n00;2040;viel')
    expect(word.status).toBe(422)
    expect((await body(word)).detail).toBe('line 2, column fix_a: "viel" is not a number')
    expect((await importCsv('key;year;fix_a\n00;2040;1', await authHeaders(db(), 'resident'))).status).toBe(
      403,
    )
  })

  it('reads German thousands and decimal comma, and English CSV with points', async () => {
    expect((await importCsv('key;year;fix_a\n00;2041;1.234,5')).status).toBe(200)
    expect((await importCsv('key,year,fix_a\n01,2041,0.25')).status).toBe(200)
    const rows = await db().sql<{ district_key: string; value: number }[]>`
      select district_key, value from indicator_values where year = 2041 order by district_key`
    expect(rows.map((row) => [row.district_key, row.value])).toEqual([
      ['00', 1234.5],
      ['01', 0.25],
    ])
  })
})

describe('profiles, candidates and the demo', () => {
  it("shows a district against the city's median", async () => {
    const profile = await json<DistrictProfile>('/api/indicators/districts/12/profile?year=2031')
    const a = profile.indicators.find((entry) => entry.indicator === 'fix_a')
    expect(a).toMatchObject({ value: 30, median: 25, min: 10, max: 40, rank: 2, of: 4 })
    expect((await request('/api/indicators/districts/999/profile?year=2031')).status).toBe(404)
  })

  it('records a pilot candidate with its reason for planners only', async () => {
    const candidate = JSON.stringify({ district_key: '21', reason: 'Höchster Index', chosen: true })
    const post = (headers: Record<string, string>) =>
      request('/api/indicators/candidates', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: candidate,
      })
    expect((await post(await authHeaders(db(), 'resident'))).status).toBe(403)
    const response = await post(planner)
    expect(response.status).toBe(201)
    expect((await body(response)).candidates).toMatchObject([
      { district_key: '21', name: 'Volkmarsdorf', reason: 'Höchster Index', chosen: true },
    ])
  })

  it('has invented demo values for all 63 Ortsteile that put Volkmarsdorf and Grünau at the top', async () => {
    const { indicators } = await json<{ indicators: { key: string; name_de: string; source: string }[] }>(
      '/api/indicators',
    )
    const demo = indicators.filter((indicator) => !indicator.key.startsWith('fix_'))
    expect(demo.length).toBeGreaterThanOrEqual(5)
    for (const indicator of demo) {
      expect(indicator.name_de).toContain('(Demo)')
      expect(indicator.source).toMatch(/invented demo values/)
    }
    const { ranking } = await json<CompositeIndex>(
      '/api/indicators/index?year=2024&indicators=arbeitslosenquote:1,sgb2_quote:1,kinderarmut:1,leerstand:1',
    )
    expect(ranking).toHaveLength(63)
    expect(ranking.slice(0, 4).map((row) => row.name)).toEqual(
      expect.arrayContaining(['Volkmarsdorf', 'Grünau-Mitte']),
    )
  })
})
