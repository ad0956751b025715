import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../test/test-database.ts'
import { listMigrations, migrate } from './migrate.ts'

const db = useTestDatabase()
const layerTables = [
  'programme_areas',
  'districts',
  'plots',
  'quarters',
  'measures',
  'links',
  'places',
  'offers',
]
const square =
  'SRID=4326;MULTIPOLYGON(((12.33 51.33, 12.331 51.33, 12.331 51.331, 12.33 51.331, 12.33 51.33)))'

describe('schema', () => {
  it('records every migration and applies none twice', async () => {
    const { sql } = db()
    const recorded = await sql<{ version: number }[]>`select version from schema_migrations order by version`
    expect(recorded.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version))
    expect(await migrate(sql)).toEqual([])
  })

  it('types every geometry column as 2D SRID 4326 with a GiST index', async () => {
    const { sql } = db()
    const columns = await sql<{ table: string; srid: number; dims: number }[]>`
      select f_table_name as table, srid, coord_dimension as dims from geometry_columns
       where f_table_schema = current_schema() and f_table_name = any(${layerTables})`
    expect(columns.map((c) => c.table).sort()).toEqual([...layerTables].sort())
    for (const column of columns) expect([column.srid, column.dims]).toEqual([4326, 2])
    const indexed = await sql<{ table: string }[]>`
      select t.relname as table from pg_index i
        join pg_class t on t.oid = i.indrelid join pg_class ix on ix.oid = i.indexrelid
        join pg_am am on am.oid = ix.relam
       where am.amname = 'gist' and t.relname = any(${layerTables})`
    expect(indexed.map((r) => r.table).sort()).toEqual([...layerTables].sort())
  })

  it('accepts a bare insert into plots, links and places and fills the defaults', async () => {
    const { sql } = db()
    const [plot] = await sql`insert into plots (name, geom) values ('Bare plot', ${square}) returning *`
    expect(plot).toMatchObject({ municipality: '14713000', status: 'fallow', version: 1 })
    expect(plot?.area_m2).toBeGreaterThan(7000)
    const [link] = await sql`
      insert into links (name, geom) values ('Bare link', 'SRID=4326;MULTILINESTRING((12.33 51.33, 12.34 51.33))')
      returning *`
    expect(link).toMatchObject({ mode: 'both', status: 'planned', municipality: '14713000' })
    expect(link?.length_m).toBeGreaterThan(690)
    const [place] =
      await sql`insert into places (name, geom) values ('Bare place', 'SRID=4326;POINT(12.33 51.33)') returning *`
    expect(place).toMatchObject({ kind: 'project', municipality: '14713000' })
  })

  it('computes areas in the official CRS of the municipality (EPSG:25833 for Leipzig)', async () => {
    const { sql } = db()
    const [row] = await sql<{ stored: number; expected: number }[]>`
      insert into plots (name, geom) values ('Measured', ${square})
      returning area_m2 as stored, st_area(st_transform(geom, 25833)) as expected`
    expect(row?.stored).toBeCloseTo(row?.expected ?? 0, 1)
  })

  it('refuses invalid, empty, 3D, wrongly typed and foreign-SRID geometry', async () => {
    const { sql } = db()
    const before = await sql`select count(*)::int as n from plots`
    const bad = [
      'SRID=4326;MULTIPOLYGON(((12.33 51.33, 12.331 51.331, 12.331 51.33, 12.33 51.331, 12.33 51.33)))',
      'SRID=4326;MULTIPOLYGON EMPTY',
      'SRID=4326;MULTIPOLYGON Z (((12.33 51.33 1, 12.331 51.33 1, 12.331 51.331 1, 12.33 51.33 1)))',
      'SRID=4326;POINT(12.33 51.33)',
      'SRID=3857;MULTIPOLYGON(((0 0, 1 0, 1 1, 0 1, 0 0)))',
    ]
    for (const geom of bad) {
      await expect(sql`insert into plots (name, geom) values ('Bad', ${geom})`).rejects.toThrow()
    }
    expect(await sql`select count(*)::int as n from plots`).toEqual(before)
  })

  it('bumps the version and records who changed what in the history', async () => {
    const { sql } = db()
    const [user] = await sql<{ id: number }[]>`
      insert into users (email, role) values ('planner-history@example.org', 'planner') returning id`
    const [plot] = await sql<
      { id: number }[]
    >`insert into plots (name, geom) values ('History', ${square}) returning id`
    const updated = await sql.begin(async (tx) => {
      await tx`select set_config('quartiersatlas.user_id', ${String(user?.id)}, true)`
      return tx`update plots set name = 'History renamed' where id = ${plot?.id ?? 0} returning version`
    })
    expect(updated[0]?.version).toBe(2)
    const history = await sql<
      { operation: string; changed_by: number | null; before: { name: string } | null }[]
    >`
      select operation, changed_by, before from history where table_name = 'plots' and row_id = ${plot?.id ?? 0} order by id`
    expect(history.map((h) => h.operation)).toEqual(['insert', 'update'])
    expect(history[1]?.changed_by).toBe(user?.id)
    expect(history[1]?.before?.name).toBe('History')
  })
})
