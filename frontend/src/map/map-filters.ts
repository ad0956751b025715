import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl'
import { findLayer, type LayerId, type Vocabulary, vocabulary } from '../registry.ts'

// Filters by vocabulary (status, use, programme, field of action) and by time. Time uses the
// registry's `temporal` columns: a feature is shown for a year when its period overlaps that year
// (an open start or end counts as always).

export type FilterDimension = {
  id: 'status' | 'use' | 'programme' | 'field'
  layer: LayerId
  property: string
  vocabulary: Vocabulary
}

export const filterDimensions: readonly FilterDimension[] = [
  { id: 'status', layer: 'plots', property: 'status', vocabulary: vocabulary.plotStatuses },
  { id: 'use', layer: 'interim-uses', property: 'use', vocabulary: vocabulary.agreementUses },
  { id: 'programme', layer: 'programme-areas', property: 'programme', vocabulary: vocabulary.programmes },
  { id: 'field', layer: 'measures', property: 'field_of_action', vocabulary: vocabulary.fieldsOfAction },
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
