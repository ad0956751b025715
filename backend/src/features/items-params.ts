import type { Context } from 'hono'
import type { Layer } from '../contract/layers.ts'
import { type Crs, parseCrs } from '../crs/crs.ts'
import { Problem } from '../http/problem.ts'
import { publicPropertiesSchema } from './feature-schema.ts'
import { checkParameters } from './request.ts'

// The query of GET …/items, read and checked before any SQL is built: every value that reaches
// the database is a number, an ISO date or a string compared with an allow-listed column.

export const defaultLimit = 10
export const maxLimit = 10_000

/** [minX, minY, maxX, maxY] in the bbox CRS, longitude first for geographic CRSs. */
export type Envelope = [number, number, number, number]

export type ItemsQuery = {
  limit: number
  /** The id after which this page starts (keyset paging); 0 for the first page. */
  after: number
  crs: Crs
  bbox?: { envelopes: Envelope[]; crs: Crs }
  /** ISO dates; null is an open end. */
  datetime?: { start: string | null; end: string | null }
  /** Equality filters on queryables: column and the value as text. */
  filters: [column: string, value: string][]
}

const itemsParameters = ['limit', 'bbox', 'bbox-crs', 'crs', 'datetime', 'cursor']

const invalid = (parameter: string, detail: string) =>
  new Problem(400, 'invalid-parameter', `Invalid parameter ${parameter}`, detail, { parameter })

/** Reads the items query of `layer` from the request; any bad or unknown parameter is a 400. */
export function readItemsQuery(c: Context, layer: Layer): ItemsQuery {
  checkParameters(c, [...itemsParameters, ...layer.queryables])
  return parseItemsQuery(c, layer)
}

/**
 * The items query of a request whose parameters the caller has checked: the export reads the
 * same filters with parameters of its own (`f`, `ids`) and without paging.
 */
export function parseItemsQuery(c: Context, layer: Layer): ItemsQuery {
  const query = (name: string) => c.req.query(name)
  const crs = parseCrs(query('crs'), 'crs')
  const bboxText = query('bbox')
  const bboxCrs = parseCrs(query('bbox-crs'), 'bbox-crs')
  if (query('bbox-crs') !== undefined && bboxText === undefined) {
    throw invalid('bbox-crs', 'bbox-crs needs a bbox')
  }
  const datetime = query('datetime')
  return {
    limit: readLimit(query('limit')),
    after: readCursor(query('cursor')),
    crs,
    ...(bboxText === undefined ? {} : { bbox: { envelopes: readBbox(bboxText, bboxCrs), crs: bboxCrs } }),
    ...(datetime === undefined ? {} : { datetime: readDatetime(datetime) }),
    filters: readFilters(c, layer),
  }
}

function readLimit(text: string | undefined): number {
  if (text === undefined) return defaultLimit
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw invalid('limit', `limit must be a whole number from 1 to ${maxLimit}, not "${text}"`)
  }
  return Math.min(Number(text), maxLimit)
}

/** The cursor of the page after the one ending with feature `id`: opaque to clients. */
export function cursorAfter(id: number): string {
  return Buffer.from(`after:${id}`).toString('base64url')
}

function readCursor(text: string | undefined): number {
  if (text === undefined) return 0
  const match = /^after:(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString())
  if (!match) throw invalid('cursor', 'cursor must be taken unchanged from a "next" link')
  return Number(match[1])
}

function readBbox(text: string, crs: Crs): Envelope[] {
  const numbers = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)))
  if ((numbers.length !== 4 && numbers.length !== 6) || numbers.some((n) => !Number.isFinite(n))) {
    throw invalid('bbox', `bbox must be 4 or 6 comma-separated numbers, not "${text}"`)
  }
  // Six numbers carry heights, which 2D layers ignore.
  const [a, b, c, d] = (
    numbers.length === 6 ? [numbers[0], numbers[1], numbers[3], numbers[4]] : numbers
  ) as Envelope
  // EPSG:4326 lists latitude first; everything below works longitude first.
  const [minX, minY, maxX, maxY] = crs.latLon ? [b, a, d, c] : [a, b, c, d]
  if (minY > maxY)
    throw invalid(
      'bbox',
      `bbox: the lower ${crs.geographic ? 'latitude' : 'y'} ${minY} exceeds the upper ${maxY}`,
    )
  if (!crs.geographic) {
    if (minX > maxX) throw invalid('bbox', `bbox: the lower x ${minX} exceeds the upper ${maxX}`)
    return [[minX, minY, maxX, maxY]]
  }
  for (const lon of [minX, maxX]) {
    if (lon < -180 || lon > 180) throw invalid('bbox', `bbox: longitude ${lon} is out of range [-180, 180]`)
  }
  for (const lat of [minY, maxY]) {
    if (lat < -90 || lat > 90) throw invalid('bbox', `bbox: latitude ${lat} is out of range [-90, 90]`)
  }
  // A box whose west edge lies east of its east edge crosses the antimeridian: two envelopes.
  if (minX > maxX) {
    return [
      [minX, minY, 180, maxY],
      [-180, minY, maxX, maxY],
    ]
  }
  return [[minX, minY, maxX, maxY]]
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/
const dateTimePattern = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** An RFC 3339 date or date-time as the UTC date it falls on; '..' or '' is an open end. */
function readInstant(text: string, whole: string): string | null {
  if (text === '..' || text === '') return null
  const isDate = datePattern.test(text)
  if (!isDate && !dateTimePattern.test(text)) {
    throw invalid(
      'datetime',
      `datetime "${whole}" must be a date, a date-time (RFC 3339) or an interval a/b with open ends ".."`,
    )
  }
  const time = Date.parse(isDate ? `${text}T00:00:00Z` : text)
  if (Number.isNaN(time) || (isDate && new Date(time).toISOString().slice(0, 10) !== text)) {
    throw invalid('datetime', `datetime "${whole}" is not a real date`)
  }
  return new Date(time).toISOString().slice(0, 10)
}

function readDatetime(text: string): { start: string | null; end: string | null } {
  const parts = text.split('/')
  if (parts.length === 1) {
    const instant = readInstant(text, text)
    if (instant === null)
      throw invalid('datetime', 'a datetime instant cannot be open; use an interval such as 2024-01-01/..')
    return { start: instant, end: instant }
  }
  if (parts.length !== 2) throw invalid('datetime', `datetime "${text}" has more than one "/"`)
  const start = readInstant(parts[0] as string, text)
  const end = readInstant(parts[1] as string, text)
  if (start !== null && end !== null && start > end) {
    throw invalid('datetime', `datetime "${text}": the interval ends before it starts`)
  }
  return { start, end }
}

function readFilters(c: Context, layer: Layer): [string, string][] {
  const shape = publicPropertiesSchema(layer).shape
  const filters: [string, string][] = []
  for (const name of layer.queryables) {
    const text = c.req.query(name)
    if (text === undefined) continue
    const schema = shape[name]
    const candidates: unknown[] = [text]
    if (/^-?\d+(\.\d+)?$/.test(text)) candidates.push(Number(text))
    if (text === 'true' || text === 'false') candidates.push(text === 'true')
    const value = candidates.find((candidate) => schema?.safeParse(candidate).success)
    if (value === undefined) throw invalid(name, `"${text}" is not a possible value of ${name}`)
    filters.push([name, String(value)])
  }
  return filters
}
