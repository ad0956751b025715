import { describe, expect, it } from 'vitest'
import { importOfficialDistricts } from '../test/official-districts.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { seedDemoData } from './seed-demo.ts'

const db = useTestDatabase()

async function counts() {
  const { sql } = db()
  const [row] = await sql<Record<string, number>[]>`
    select (select count(*) from programme_areas)::int as programme_areas,
           (select count(*) from plots)::int as plots,
           (select count(*) from agreements)::int as agreements,
           (select count(distinct status) from agreements)::int as agreement_states,
           (select count(*) from quarters)::int as quarters,
           (select count(*) from measures)::int as measures,
           (select count(distinct field_of_action) from measures)::int as fields,
           (select count(*) from links)::int as links,
           (select count(*) from places)::int as places,
           (select count(*) from parties)::int as parties,
           (select count(*) from agreement_plots)::int as agreement_plots,
           (select count(*) from agreement_transitions)::int as transitions`
  return row ?? {}
}

describe('demo data', () => {
  it('holds what the demo promises', async () => {
    const c = await counts()
    expect(c.plots).toBeGreaterThanOrEqual(12)
    expect(c.agreements).toBeGreaterThanOrEqual(3)
    expect(c.agreement_states).toBeGreaterThanOrEqual(3)
    expect(c.quarters).toBeGreaterThanOrEqual(2)
    expect(c.measures).toBeGreaterThanOrEqual(6)
    expect(c.links).toBeGreaterThanOrEqual(12)
    expect(c.places).toBeGreaterThanOrEqual(10)
  })

  it('has the programme areas of Leipzig and Dortmund with their facts', async () => {
    const { sql } = db()
    const areas = await sql<
      { name: string; programme: string; municipality: string; budget_eur: number | null }[]
    >`
      select name, programme, municipality, budget_eur from programme_areas order by name`
    const names = areas.map((a) => a.name).join(' | ')
    for (const expected of ['Leipziger Westen', 'Leipziger Osten', 'Grünau', 'Rheinische Straße']) {
      expect(names).toContain(expected)
    }
    const dortmund = areas.find((a) => a.name.includes('Rheinische Straße'))
    expect(dortmund).toMatchObject({ programme: 'stadtumbau', municipality: '05913000', budget_eur: 895000 })
    const [period] = await sql`
      select period_start, period_end from programme_areas where name like '%Rheinische Straße%'`
    expect(period?.period_start.slice(0, 4)).toBe('2008')
    expect(period?.period_end.slice(0, 4)).toBe('2016')
  })

  it('places the Josephstraße gardens in Lindenau inside the Leipziger Westen', async () => {
    const { sql } = db()
    const [garden] = await sql<{ name: string; in_westen: boolean; approximate: boolean }[]>`
      select p.name, p.approximate,
             exists (select 1 from programme_areas a
                      where a.name like 'Leipziger Westen%' and st_intersects(a.geom, p.geom)) as in_westen
        from plots p where p.name = 'Nachbarschaftsgärten Josephstraße'`
    expect(garden).toMatchObject({ in_westen: true, approximate: true })
    // Districts are official data, not demo data: import them here to check the demo's placement.
    expect((await importOfficialDistricts(sql)).refused).toEqual([])
    const [district] = await sql`
      select d.name from districts d, plots p
       where p.name = 'Nachbarschaftsgärten Josephstraße' and st_contains(d.geom, p.geom)`
    expect(district?.name).toBe('Lindenau')
  })

  it('names no person: every party is an organisation or public body', async () => {
    const { sql } = db()
    const [row] = await sql`select count(*)::int as persons from parties where kind = 'person'`
    expect(row?.persons).toBe(0)
  })

  it('does not duplicate anything when seeded again', async () => {
    const before = await counts()
    await seedDemoData(db().sql)
    expect(await counts()).toEqual(before)
  })
})
