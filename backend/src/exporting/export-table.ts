import type { ExportRow } from './export.queries.ts'

// The attribute table of an export as the table formats (GeoPackage, Shapefile's dBASE,
// FlatGeobuf, CSV) need it: one type per column, found from the values themselves, and
// values flattened to what a column can hold (an array of programme-area ids becomes "3,7").

export type ColumnType = 'integer' | 'real' | 'boolean' | 'text'
export type Column = { name: string; type: ColumnType }
export type Value = string | number | boolean | null
export type ExportTable = { columns: Column[]; records: { id: number; values: Value[] }[] }

function flat(value: unknown): Value {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.join(',')
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value
  return JSON.stringify(value)
}

function typeOf(values: Value[]): ColumnType {
  const present = values.filter((value) => value !== null)
  if (present.length > 0 && present.every((value) => typeof value === 'boolean')) return 'boolean'
  if (present.length > 0 && present.every((value) => typeof value === 'number')) {
    return present.every((value) => Number.isInteger(value)) ? 'integer' : 'real'
  }
  return 'text'
}

/** The table of `rows` with the columns `names` (the allow-list the rows were read with). */
export function exportTable(names: readonly string[], rows: readonly ExportRow[]): ExportTable {
  const records = rows.map((row) => {
    const properties = JSON.parse(row.properties) as Record<string, unknown>
    return { id: Number(row.id), values: names.map((name) => flat(properties[name])) }
  })
  const columns = names.map((name, i) => {
    const values = records.map((record) => record.values[i] as Value)
    const type = typeOf(values)
    // A column of mixed numbers and strings is text: each value is written as text.
    if (type === 'text') for (const record of records) record.values[i] = textOf(record.values[i] as Value)
    return { name, type }
  })
  return { columns, records }
}

function textOf(value: Value): string | null {
  return value === null ? null : String(value)
}

/** The envelope of all rows' envelopes, or undefined when there are none. */
export function extentOf(rows: readonly ExportRow[]): ExportRow['box'] | undefined {
  if (rows.length === 0) return undefined
  const extent: ExportRow['box'] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const { box } of rows) {
    extent[0] = Math.min(extent[0], box[0])
    extent[1] = Math.min(extent[1], box[1])
    extent[2] = Math.max(extent[2], box[2])
    extent[3] = Math.max(extent[3], box[3])
  }
  return extent
}
