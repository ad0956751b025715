import type { Column, ExportTable, Value } from './export-table.ts'

// The dBASE III table of a Shapefile, written here: no well-kept npm writer exists (see
// write-shapefile.ts). Text is UTF-8, which the .cpg beside it declares; widths count bytes.
// dBASE limits names to 10 characters and text to 254 bytes: longer names are cut and numbered
// where they collide (as GDAL does), longer texts are cut at a character boundary.

type Field = { name: string; type: 'C' | 'N' | 'L'; width: number; decimals: number }

/** Column names cut to dBASE's 10 characters, unique (local_office_address, local_office → local_offi, local_of_1). */
export function dbfNames(columns: readonly Column[]): string[] {
  const names: string[] = []
  for (const column of columns) {
    let name = column.name.slice(0, 10)
    for (let n = 1; names.includes(name); n++)
      name = `${column.name.slice(0, 10 - String(n).length - 1)}_${n}`
    names.push(name)
  }
  return names
}

function cut(text: string, bytes: number): Buffer {
  // A character takes at least one byte: start from `bytes` characters and shorten from there.
  let end = Math.min(text.length, bytes)
  let encoded = Buffer.from(text.slice(0, end))
  while (encoded.length > bytes) encoded = Buffer.from(text.slice(0, --end))
  return encoded
}

function decimalsOf(value: Value): number {
  return typeof value === 'number' ? (String(value).split('.')[1]?.length ?? 0) : 0
}

function fieldsOf(table: ExportTable): Field[] {
  const names = dbfNames(table.columns)
  return table.columns.map((column, i) => {
    const values = table.records.map((record) => record.values[i] as Value)
    const name = names[i] as string
    if (column.type === 'boolean') return { name, type: 'L', width: 1, decimals: 0 }
    if (column.type === 'integer' || column.type === 'real') {
      const decimals = Math.min(15, Math.max(0, ...values.map(decimalsOf)))
      const width = Math.max(
        1,
        ...values.map((value) => (value === null ? 0 : (value as number).toFixed(decimals).length)),
      )
      return { name, type: 'N', width: Math.min(width, 32), decimals }
    }
    const width = Math.max(1, ...values.map((value) => (value === null ? 0 : cut(String(value), 254).length)))
    return { name, type: 'C', width, decimals: 0 }
  })
}

function encodeValue(field: Field, value: Value): Buffer {
  const cell = Buffer.alloc(field.width, ' ')
  if (value === null) return cell
  if (field.type === 'L') return Buffer.from(value ? 'T' : 'F')
  if (field.type === 'N') {
    const text = (value as number).toFixed(field.decimals)
    cell.write(text, field.width - text.length, 'latin1')
    return cell
  }
  cut(String(value), field.width).copy(cell)
  return cell
}

/** The .dbf of `table`. */
export function writeDbf(table: ExportTable): Uint8Array {
  const fields = fieldsOf(table)
  const headerLength = 32 + 32 * fields.length + 1
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.width, 0)
  const header = Buffer.alloc(headerLength)
  const now = new Date()
  header.writeUInt8(0x03, 0)
  header.writeUInt8(now.getUTCFullYear() - 1900, 1)
  header.writeUInt8(now.getUTCMonth() + 1, 2)
  header.writeUInt8(now.getUTCDate(), 3)
  header.writeUInt32LE(table.records.length, 4)
  header.writeUInt16LE(headerLength, 8)
  header.writeUInt16LE(recordLength, 10)
  fields.forEach((field, i) => {
    const at = 32 + 32 * i
    header.write(field.name, at, 'latin1')
    header.write(field.type, at + 11, 'latin1')
    header.writeUInt8(field.width, at + 16)
    header.writeUInt8(field.decimals, at + 17)
  })
  header.writeUInt8(0x0d, headerLength - 1)
  const records = table.records.map((record) =>
    Buffer.concat([
      Buffer.from(' '),
      ...fields.map((field, i) => encodeValue(field, record.values[i] as Value)),
    ]),
  )
  return Buffer.concat([header, ...records, Buffer.from([0x1a])])
}
