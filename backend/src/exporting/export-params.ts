import type { Context } from 'hono'
import type { Layer } from '../contract/layers.ts'
import { parseItemsQuery } from '../features/items-params.ts'
import { checkParameters } from '../features/request.ts'
import { Problem } from '../http/problem.ts'
import type { ExportQuery } from './export.queries.ts'
import type { CsvStyle } from './write-csv.ts'

// The query of GET …/export: the items' filters (read by the items' own parser), a selection
// of ids, the format `f` and, for CSV, its style. No paging: an export is the whole result.

export const exportFormats = ['geojson', 'gpkg', 'shp', 'csv', 'fgb'] as const
export type ExportFormat = (typeof exportFormats)[number]

export const maxSelection = 10_000

const invalid = (parameter: string, detail: string) =>
  new Problem(400, 'invalid-parameter', `Invalid parameter ${parameter}`, detail, { parameter })

function readIds(text: string): number[] {
  const parts = text.split(',')
  if (
    parts.length > maxSelection ||
    parts.some((part) => !/^\d{1,15}$/.test(part.trim()) || Number(part) < 1)
  ) {
    throw invalid(
      'ids',
      `ids must be up to ${maxSelection} feature ids separated by commas, not "${text.slice(0, 80)}"`,
    )
  }
  return parts.map(Number)
}

/** The export request of `layer`: format, CSV style and the query; anything unknown is a 400. */
export function readExportRequest(
  c: Context,
  layer: Layer,
): { format: ExportFormat; csv: CsvStyle; query: ExportQuery } {
  checkParameters(
    c,
    ['bbox', 'bbox-crs', 'crs', 'datetime', 'ids', 'csv', ...layer.queryables],
    exportFormats,
  )
  const format = exportFormats.find((name) => name === c.req.query('f')) ?? 'geojson'
  const csv = c.req.query('csv') ?? 'de'
  if (csv !== 'de' && csv !== 'rfc4180') throw invalid('csv', `csv must be de or rfc4180, not "${csv}"`)
  if (c.req.query('csv') !== undefined && format !== 'csv') throw invalid('csv', 'csv applies only to f=csv')
  const ids = c.req.query('ids')
  const query = parseItemsQuery(c, layer)
  // Files are written east/north, as GDAL writes them; EPSG:4326 would promise north first.
  if (query.crs.latLon) throw invalid('crs', 'export in CRS84 (WGS 84, longitude first) instead of EPSG:4326')
  return {
    format,
    csv,
    query: { ...query, ...(ids === undefined ? {} : { ids: readIds(ids) }) },
  }
}
