import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { findLayer } from '../contract/layers.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { searchFields } from './search-fields.ts'

const db = useTestDatabase()

type Result = {
  collection: string
  id: number
  name: string
  detail: string
  center: [number, number]
  bbox: [number, number, number, number]
  score: number
}

async function search(query: string): Promise<Result[]> {
  const response = await createApp(db()).request(`/api/search?${query}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { results: Result[] }).results
}

const names = (results: Result[]) => results.map((result) => `${result.collection}:${result.name}`)

async function placeAt(name: string, extra: { address?: string; description?: string } = {}) {
  const { sql } = db()
  await sql`
    insert into places (name, address, description, geom)
    values (${name}, ${extra.address ?? null}, ${extra.description ?? null}, st_setsrid(st_point(12.33, 51.33), 4326))`
}

describe('GET /api/search', () => {
  it('lists the Josephstraße gardens with their interim use and place, spelled either way', async () => {
    const results = await search('q=Josephstraße')
    const top = names(results)
    // The street itself comes first (reference map, issue 16), then our features on it.
    expect(top[0]).toBe('streets:Josephstraße')
    expect(top.slice(0, 5)).toContain('plots:Nachbarschaftsgärten Josephstraße')
    expect(top).toContain('places:Nachbarschaftsgärten Josephstraße')
    expect(top).toContain('interim-uses:Gestattungsvereinbarung Nachbarschaftsgärten Josephstraße')
    expect(names(await search('q=josephstrasse'))).toEqual(top)

    const garden = results.find((r) => r.collection === 'plots' && r.name.startsWith('Nachbarschafts'))
    expect(garden?.detail).toBe('Josephstraße, 04177 Leipzig (Lindenau) · Zwischennutzung')
    const [w, s, e, n] = garden?.bbox ?? []
    const [x, y] = garden?.center ?? []
    expect(x).toBeGreaterThanOrEqual(w as number)
    expect(x).toBeLessThanOrEqual(e as number)
    expect(y).toBeGreaterThanOrEqual(s as number)
    expect(y).toBeLessThanOrEqual(n as number)
    expect(x).toBeCloseTo(12.3345, 3)
  })

  it('folds umlauts, ß and case: gruenau, grunau and GRÜNAU all find Grünau first', async () => {
    for (const q of ['gruenau', 'grunau', 'GRÜNAU', 'Grünau']) {
      const [first] = await search(`q=${encodeURIComponent(q)}&lang=en`)
      expect(first).toMatchObject({ collection: 'programme-areas', name: 'Grünau', score: 1 })
      expect(first?.detail).toBe('Social cohesion (SZP) · since 2005')
    }
  })

  it('ranks exact name, name prefix, word start, inside a word, address, then description', async () => {
    await placeAt('Am Quappenhof')
    await placeAt('Quappenhof Süd')
    await placeAt('Treffpunkt', { description: 'Neben dem alten Quappenhof.' })
    await placeAt('Großquappenhof')
    await placeAt('Quappenhof')
    await placeAt('Kiosk', { address: 'Quappenhofweg 3, 04177 Leipzig' })
    const results = await search('q=quappenhof')
    expect(results.map((r) => r.name)).toEqual([
      'Quappenhof',
      'Quappenhof Süd',
      'Am Quappenhof',
      'Großquappenhof',
      'Kiosk',
      'Treffpunkt',
    ])
    const scores = results.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(scores[0]).toBe(1)
  })

  it('needs every word, in any order and across name and address', async () => {
    const results = await search('q=leutzsch%20georg-schwarz')
    expect(results.length).toBeGreaterThan(0)
    for (const result of results) expect(`${result.name} ${result.detail}`).toMatch(/Leutzsch/)
    expect(names(await search('q=kinder%20freiluft')).slice(0, 2)).toEqual(
      expect.arrayContaining(['plots:Kinder-Freiluft-Galerie Kleinzschocher']),
    )
    expect(await search('q=Josephstra%C3%9Fe%20Zzyzx')).toEqual([])
  })

  it('finds features as they are written, renamed and deleted', async () => {
    const { sql } = db()
    await placeAt('Quendelwiese')
    expect(names(await search('q=quendelwiese'))).toEqual(['places:Quendelwiese'])
    await sql`update places set name = 'Thymianwiese' where name = 'Quendelwiese'`
    expect(await search('q=quendelwiese')).toEqual([])
    expect(names(await search('q=thymianwiese'))).toEqual(['places:Thymianwiese'])
    // Leipzig has a Thymianweg (the reference map's streets): an address no street there has.
    await sql`update plots set address = 'Quendelpfad 1' where external_id = 'demo:plot:josephstrasse-gardens'`
    expect(names(await search('q=quendelpfad'))).toEqual(['plots:Nachbarschaftsgärten Josephstraße'])
    await sql`delete from places where name = 'Thymianwiese'`
    expect(names(await search('q=thymianwiese'))).toEqual([])
  })

  it('keeps in search_texts exactly the columns search-fields names', async () => {
    const { sql } = db()
    const triggers = await sql<{ table: string; args: Uint8Array }[]>`
      select c.relname as table, t.tgargs as args
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgname = c.relname || '_search'`
    const actual = Object.fromEntries(
      triggers.map(({ table, args }) => [table, new TextDecoder().decode(args).split('\0').slice(0, 2)]),
    )
    const expected = Object.fromEntries(
      searchFields
        .filter((fields) => !fields.live)
        .map((fields) => [
          findLayer(fields.collection)?.table,
          [fields.secondary.join(','), fields.body.join(',')],
        ]),
    )
    expect(actual).toEqual(expected)
  })

  it('never searches or returns owners, contacts, notes or conditions', async () => {
    const { sql } = db()
    const marker = 'Quokkageheimnis'
    await sql`update plots set internal_notes = ${`${marker} Eigentümer will verkaufen`}`
    await sql`update party_contacts set notes = ${marker}, contact_name = ${marker}, email = ${`${marker}@example.org`}`
    await sql`update agreements set conditions = ${marker}, internal_notes = ${marker}`
    expect(await search(`q=${marker}`)).toEqual([])
    // Owners are organisations, but only the using organisation is public.
    expect(await search('q=Grundst%C3%BCcksgesellschaft%20Lindenau')).toEqual([])

    const results = await search('q=Josephstraße&limit=50')
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual([
        'bbox',
        'center',
        'collection',
        'detail',
        'id',
        'name',
        'score',
      ])
      expect(JSON.stringify(result)).not.toContain(marker)
    }
  })

  it('honours limit and answers in English with lang=en', async () => {
    expect(await search('q=stra%C3%9Fe&limit=3')).toHaveLength(3)
    const [market] = await search('q=WESTPAKET&lang=en')
    expect(market).toMatchObject({
      collection: 'places',
      detail: 'market · Karl-Heine-Straße, 04229 Leipzig',
    })
  })

  it('refuses a missing, empty or overlong query and unknown parameters with a 400 problem', async () => {
    const { sql } = db()
    const checksum = () => sql`select md5(string_agg(p::text, '' order by id)) as sum from places p`
    const before = await checksum()
    for (const query of [
      '',
      'q=',
      'q=%20%20',
      `q=${'a'.repeat(201)}`,
      'q=a&x=1',
      'q=a&limit=0',
      'q=a&lang=fr',
      'q=a&q=b',
    ]) {
      const response = await createApp(db()).request(`/api/search?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      expect(await response.json()).toMatchObject({
        status: 400,
        type: 'urn:quartiersatlas:problem:invalid-query',
      })
    }
    expect(await checksum()).toEqual(before)
    expect((await createApp(db()).request(`/api/search?q=${'a'.repeat(200)}`)).status).toBe(200)
  })
})
