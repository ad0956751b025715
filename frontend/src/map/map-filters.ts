import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl'
import { findLayer, type LayerId, type Vocabulary } from '../registry.ts'

// Filters by vocabulary (status, use, programme, field of action) and by time. Time uses the
// registry's `temporal` columns: a feature is shown for a year when its period overlaps that year
// (an open start or end counts as always).

export type FilterDimension = {
  id: 'status' | 'use' | 'programme' | 'field'
  layer: LayerId
  property: string
  vocabulary: Vocabulary
}

/** A filter on `property` of `layer`, over the vocabulary the registry gives that property. */
const dimension = (id: FilterDimension['id'], layer: LayerId, property: string): FilterDimension => ({
  id,
  layer,
  property,
  vocabulary: findLayer(layer)?.vocabularies[property] ?? {},
})

export const filterDimensions: readonly FilterDimension[] = [
  dimension('status', 'plots', 'status'),
  dimension('use', 'interim-uses', 'use'),
  dimension('programme', 'programme-areas', 'programme'),
  dimension('field', 'measures', 'field_of_action'),
]

export type MapFilters = {
  /** Per dimension the keys to show; absent: all. */
  values: Partial<Record<FilterDimension['id'], readonly string[]>>
  /** Show what was active during this year; null: all times. */
  year: number | null
}

export const noFilters: MapFilters = { values: {}, year: null }

/** The extra filter expressions for one collection's layers under `filters`. */
export function filterExpressions(layer: LayerId, filters: MapFilters): ExpressionSpecification[] {
  const expressions: ExpressionSpecification[] = []
  for (const dimension of filterDimensions) {
    const keys = filters.values[dimension.id]
    if (dimension.layer !== layer || !keys) continue
    expressions.push(['in', ['get', dimension.property], ['literal', [...keys]]])
  }
  const temporal = findLayer(layer)?.temporal
  if (temporal && filters.year !== null) {
    const from = `${filters.year}-01-01`
    const to = `${filters.year}-12-31`
    expressions.push(['<=', ['to-string', ['coalesce', ['get', temporal.start], '0000-01-01']], to])
    expressions.push(['>=', ['to-string', ['coalesce', ['get', temporal.end], '9999-12-31']], from])
  }
  return expressions
}

/** `base` (a layer's own filter) combined with `extra`. */
export function combineFilter(
  base: FilterSpecification | undefined,
  extra: ExpressionSpecification[],
): FilterSpecification | undefined {
  const parts = [...(base ? [base as ExpressionSpecification] : []), ...extra]
  if (parts.length === 0) return undefined
  if (parts.length === 1) return parts[0]
  return ['all', ...parts]
}
