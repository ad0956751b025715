import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { type Source, type SourceFeature, type SourceGeometry, SourceRefusal } from './source.ts'

// CSV from spreadsheets: a WKT column, or lon/lat columns, or easting/northing columns (the CRS
// of the latter is the user's choice, since a CSV cannot say). German spreadsheets write `;`
// between fields and a decimal comma; both are recognised.

export type CsvColumns = { wkt?: string; x?: string; y?: string }

const wktNames = /^(wkt|geom|geometry|the_geom|geometrie|wkt_geom)$/i
const lonNames = /^(lon|lng|long|longitude|laenge|länge)$/i
const latNames = /^(lat|latitude|breite)$/i
const eastNames = /^(x|easting|rechtswert|rw|ostwert|east)$/i
const northNames = /^(y|northing|hochwert|hw|nordwert|north)$/i

/** Reads a CSV whose geometry is in `columns` (or in columns with the usual names). */
export async function readCsv(bytes: Uint8Array, name: string, columns: CsvColumns = {}): Promise<Source> {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')
  const firstLine = text.slice(0, text.search(/\r?\n/) === -1 ? undefined : text.search(/\r?\n/))
  const delimiter = [';', '\t', ','].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  )
  const header = firstLine.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'))
  const find = (given: string | undefined, pattern: RegExp) =>
    given ?? header.find((column) => pattern.test(column))
  const wkt = find(columns.wkt, wktNames)
  const lon = columns.x === undefined ? header.find((c) => lonNames.test(c)) : undefined
  const lat = columns.y === undefined ? header.find((c) => latNames.test(c)) : undefined
  const x = columns.x ?? lon ?? header.find((c) => eastNames.test(c))
  const y = columns.y ?? lat ?? header.find((c) => northNames.test(c))
  for (const column of [wkt, x, y])
    if (column !== undefined && !header.includes(column))
      throw new SourceRefusal(`${name} has no column ${column}; its columns are ${header.join(', ')}`)
  if (wkt === undefined && (x === undefined || y === undefined))
    throw new SourceRefusal(
      `${name} has no geometry column: name one WKT column (wkt, geometry) or two coordinate columns (lon/lat or easting/northing, Rechtswert/Hochwert)`,
    )
  const geometryColumns = new Set(wkt === undefined ? [x, y] : [wkt])
  const decimalComma = delimiter !== ','
  const number = (value: unknown) => {
    const cell = String(value ?? '').trim()
    if (cell === '') return Number.NaN
    return Number(decimalComma && cell.includes(',') ? cell.replaceAll('.', '').replace(',', '.') : cell)
  }
  return {
    format: 'csv',
    layers: [name],
    layer: name,
    fields: header.filter((column) => !geometryColumns.has(column)),
    // lon/lat columns are WGS 84 by their names; eastings and WKT say nothing about their CRS.
    srid: wkt === undefined && lon !== undefined && lat !== undefined ? 4326 : undefined,
    async *features(): AsyncIterable<SourceFeature> {
      const parser = Readable.from([text]).pipe(
        parse({
          delimiter,
          columns: true,
          bom: true,
          skip_empty_lines: true,
          relax_column_count: true,
          trim: true,
        }),
      )
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        const properties: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(record))
          if (!geometryColumns.has(key)) properties[key] = value === '' ? null : value
        let geometry: SourceGeometry = null
        let position: [number, number] | undefined
        if (wkt !== undefined) {
          const value = record[wkt]?.trim()
          if (value) geometry = { wkt: value }
          const match = /(-?[\d.]+)\s+(-?[\d.]+)/.exec(value ?? '')
          if (match) position = [Number(match[1]), Number(match[2])]
        } else {
          const px = number(record[x as string])
          const py = number(record[y as string])
          if (Number.isFinite(px) && Number.isFinite(py)) {
            geometry = { geojson: { type: 'Point', coordinates: [px, py] } }
            position = [px, py]
          }
        }
        yield { properties, geometry, position }
      }
    },
  }
}
