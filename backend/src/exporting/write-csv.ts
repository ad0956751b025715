import type { ExportTable, Value } from './export-table.ts'

// CSV for spreadsheets. German conventions by default, as Excel in a German locale opens a file
// with a double click: `;` between fields, a decimal comma, UTF-8 with a byte-order mark (without
// it Excel reads CP1252 and breaks the umlauts). `rfc4180`: `,`, a decimal point, no BOM. Lines
// end in CRLF in both (RFC 4180). The geometry is a WKT column, which GDAL's CSV driver reads.

export type CsvStyle = 'de' | 'rfc4180'

const styles = {
  de: { separator: ';', decimal: ',', bom: '\uFEFF' },
  rfc4180: { separator: ',', decimal: '.', bom: '' },
} as const

/** A CSV of named columns and their rows of values, in `style`. */
export function writeCsv(header: readonly string[], rows: readonly Value[][], style: CsvStyle): Uint8Array {
  const { separator, decimal, bom } = styles[style]
  const field = (value: Value): string => {
    if (value === null) return ''
    const text = typeof value === 'number' ? String(value).replace('.', decimal) : String(value)
    return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const lines = [header, ...rows].map((row) => row.map(field).join(separator))
  return Buffer.from(`${bom}${lines.join('\r\n')}\r\n`)
}

/** The CSV of an export: id, the properties, and the geometry as WKT. */
export function writeTableCsv(table: ExportTable, wkt: readonly string[], style: CsvStyle): Uint8Array {
  return writeCsv(
    ['id', ...table.columns.map((column) => column.name), 'wkt'],
    table.records.map((record, i) => [record.id, ...record.values, wkt[i] ?? null]),
    style,
  )
}
