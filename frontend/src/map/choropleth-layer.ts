import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { sourceId } from './map-style.ts'
import type { MapInteraction } from './map-view.ts'

// The indicator maps' layers on the tiles the map already has: districts filled by their class
// (matched by feature id, so no geometry travels with the statistics), and programme areas
// outlined above them, either all (over an index) or the ones being compared (the overlay view).
// Added through MapHandle.addInteraction; the component sets what they show and removes them.

const fillId = 'indicator-choropleth'
const outlineId = 'indicator-programme-areas'
const noMatch = -1

export type ChoroplethLayer = MapInteraction & {
  /** Colours each district id; districts left out are not filled. Empty: no fill. */
  fill(colours: ReadonlyMap<number, string>): void
  /** Outlines these programme areas by id; 'all' outlines every one, an empty list none. */
  outline(areas: readonly number[] | 'all'): void
}

/** The choropleth and programme-area outline layers, added below the districts' outlines. */
export function makeChoroplethLayer(): ChoroplethLayer {
  let map: MapLibreMap | undefined
  let colours: ReadonlyMap<number, string> = new Map()
  let areas: readonly number[] | 'all' = []

  const fillColour = (): ExpressionSpecification | string =>
    colours.size === 0
      ? 'rgba(0,0,0,0)'
      : (['match', ['id'], ...[...colours].flat(), 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification)
  const areaFilter = (): ExpressionSpecification =>
    areas === 'all' ? ['has', 'name'] : ['in', ['id'], ['literal', areas.length > 0 ? areas : [noMatch]]]
  const apply = () => {
    if (!map?.getLayer(fillId)) return
    map.setPaintProperty(fillId, 'fill-color', fillColour())
    map.setFilter(outlineId, areaFilter())
  }

  return {
    activate(target) {
      map = target
      const below = map.getLayer('districts-line') ? 'districts-line' : undefined
      map.addLayer(
        {
          id: fillId,
          type: 'fill',
          source: sourceId,
          'source-layer': 'districts',
          paint: { 'fill-color': fillColour(), 'fill-opacity': 0.75 },
        },
        below,
      )
      map.addLayer({
        id: outlineId,
        type: 'line',
        source: sourceId,
        'source-layer': 'programme-areas',
        filter: areaFilter(),
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#1b1b1b', 'line-width': 3.5 },
      })
    },
    deactivate(target) {
      for (const id of [outlineId, fillId]) if (target.getLayer(id)) target.removeLayer(id)
      map = undefined
    },
    fill(next) {
      colours = next
      apply()
    },
    outline(next) {
      areas = next
      apply()
    },
  }
}
