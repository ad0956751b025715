import { parse } from 'csv-parse/sync'
import { Problem } from '../http/problem.ts'

// Indicator tables as statistics offices and spreadsheets hand them over: one row per district and
// year, one column per indicator (its key). German conventions by default: ";" between fields and
// a decimal comma ("12,5"; "1.234,5" with thousands); a file with "," between fields uses points.
// A column with the district's name may stay in for people reading the file; it is not imported.

export type IndicatorValue = { indicator: string; district_key: string; year: number; value: number }
export type IndicatorTable = { indicators: string[]; values: IndicatorValue[] }

const keyColumn = /^(key|district_key|ot|ortsteil_?nr|schlüssel|schluessel|district)$/i
const yearColumn = /^(year|jahr)$/i
const nameColumn = /^(name|ortsteil|district_name)$/i

/** Reads an indicator table; 422 naming the line of a value that is not a number. */
export function readIndicatorCsv(text: string): IndicatorTable {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ','
  let rows: string[][]
  try {
    rows = parse(body, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: false })
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : 'not CSV')
  }
  const [header, ...lines] = rows
  if (!header) throw unreadable('the file is empty')
  const keyAt = header.findIndex((column) => keyColumn.test(column))
  const yearAt = header.findIndex((column) => yearColumn.test(column))
  if (keyAt < 0 || yearAt < 0)
    throw unreadable(`name the columns "key" (official district key) and "year"; found ${header.join(', ')}`)
  const indicatorColumns = header
    .map((column, at) => ({ column: column.toLowerCase(), at }))
    .filter(({ column, at }) => at !== keyAt && at !== yearAt && !nameColumn.test(column))
  if (indicatorColumns.length === 0) throw unreadable('no indicator columns besides key, year and name')
  const values: IndicatorValue[] = []
  lines.forEach((cells, index) => {
    const line = index + 2
    const district_key = cells[keyAt] ?? ''
    const year = Number(cells[yearAt])
    if (district_key === '') throw unreadable(`line ${line}: the district key is empty`)
    if (!Number.isInteger(year) || year < 1900 || year > 2100)
      throw unreadable(`line ${line}: the year "${cells[yearAt]}" is not a year from 1900 to 2100`)
    for (const { column, at } of indicatorColumns) {
      const cell = cells[at] ?? ''
      if (cell === '') continue
      const value = toNumber(cell, delimiter)
      if (!Number.isFinite(value))
        throw unreadable(`line ${line}, column ${column}: "${cell}" is not a number`)
      values.push({ indicator: column, district_key, year, value })
    }
  })
  return { indicators: indicatorColumns.map(({ column }) => column), values }
}

function toNumber(cell: string, delimiter: string): number {
  if (delimiter === ',') return Number(cell)
  return Number(cell.includes(',') ? cell.replaceAll('.', '').replace(',', '.') : cell)
}

function unreadable(detail: string): Problem {
  return new Problem(422, 'invalid-import-file', 'The file cannot be imported', detail)
}
