import type { Queries } from '../db/sql-client.ts'

export type Hit = { table: string; column: string; rows: number }

/** Every text, jsonb, array and bytea column of every table in which `marker` occurs, with row counts. */
export async function scanForMarker(sql: Queries, marker: string): Promise<Hit[]> {
  const columns = await sql<{ table: string; column: string; type: string }[]>`
    select c.table_name as table, c.column_name as column, c.data_type as type
      from information_schema.columns c join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'jsonb', 'json', 'character varying', 'character', 'ARRAY', 'bytea')
     order by 1, 2`
  const hits: Hit[] = []
  for (const { table, column, type } of columns) {
    const match =
      type === 'bytea'
        ? sql`position(convert_to(${marker}, 'UTF8') in ${sql(column)}) > 0`
        : sql`${sql(column)}::text ilike ${`%${marker}%`}`
    const [row] = await sql<
      { rows: number }[]
    >`select count(*)::int as rows from ${sql(table)} where ${match}`
    if (row && row.rows > 0) hits.push({ table, column, rows: row.rows })
  }
  return hits
}
