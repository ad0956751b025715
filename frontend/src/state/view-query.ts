import { filterDimensions, type MapFilters, noFilters } from '../map/map-filters.ts'

// What a shared link reproduces beyond the view (#map=…) and the open feature (the path): the
// filters (?status=fallow,offered, an empty value for none), the year (?year=2024) and the open
// panel (?panel=filters, ?panel=none). ?lang stays as locale.ts writes it.

export type Panel = 'layers' | 'filters' | 'list'
const panels: readonly string[] = ['layers', 'filters', 'list']

/** The filters a query string names; unknown keys and values are ignored. */
export function parseFilters(search: string): MapFilters {
  const query = new URLSearchParams(search)
  const values: MapFilters['values'] = {}
  for (const dimension of filterDimensions) {
    const raw = query.get(dimension.id)
    if (raw === null) continue
    values[dimension.id] = raw.split(',').filter((key) => key in dimension.vocabulary)
  }
  const year = Number(query.get('year'))
  return { values, year: query.has('year') && Number.isInteger(year) && year > 0 ? year : noFilters.year }
}

/** The panel a query string opens: a panel, null for none, undefined when it says nothing. */
export function parsePanel(search: string): Panel | null | undefined {
  const panel = new URLSearchParams(search).get('panel')
  if (panel === null) return undefined
  return panels.includes(panel) ? (panel as Panel) : null
}

/** `url` with its filter, year and panel parameters replaced by `filters` and `panel`. */
export function withViewQuery(url: URL, filters: MapFilters, panel: Panel | null | undefined): URL {
  const next = new URL(url)
  for (const dimension of filterDimensions) {
    const keys = filters.values[dimension.id]
    if (keys) next.searchParams.set(dimension.id, keys.join(','))
    else next.searchParams.delete(dimension.id)
  }
  if (filters.year !== null) next.searchParams.set('year', String(filters.year))
  else next.searchParams.delete('year')
  if (panel !== undefined) next.searchParams.set('panel', panel ?? 'none')
  return next
}

/** Keeps filters, year and panel in the address bar without a new history entry. */
export function writeViewQuery(filters: MapFilters, panel: Panel | null | undefined): void {
  const url = withViewQuery(new URL(location.href), filters, panel)
  if (url.href !== location.href) history.replaceState(history.state, '', url)
}
