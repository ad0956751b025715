import type { Feature, FeatureCollection } from 'geojson'
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import type { MapInteraction } from './map-view.ts'

// The shape being measured, drawn above everything: its line or polygon and its vertices. Loaded
// with the measuring tool, never with the map.

const sourceId = 'measure'
const colour = '#c2410c'

/** An interaction that draws `features` and hands clicks to the measuring tool. */
export function makeMeasureLayer(): MapInteraction & { show(features: Feature[]): void } {
  let current: MapLibreMap | undefined
  let pending: Feature[] = []
  const data = (): FeatureCollection => ({ type: 'FeatureCollection', features: pending })
  return {
    activate(map) {
      current = map
      map.doubleClickZoom.disable()
      map.addSource(sourceId, { type: 'geojson', data: data() })
      map.addLayer({
        id: 'measure-fill',
        type: 'fill',
        source: sourceId,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': colour, 'fill-opacity': 0.15 },
      })
      map.addLayer({
        id: 'measure-line',
        type: 'line',
        source: sourceId,
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': colour, 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
      })
      map.addLayer({
        id: 'measure-point',
        type: 'circle',
        source: sourceId,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-color': '#fff',
          'circle-radius': 4,
          'circle-stroke-color': colour,
          'circle-stroke-width': 2,
        },
      })
    },
    deactivate(map) {
      for (const id of ['measure-point', 'measure-line', 'measure-fill'])
        if (map.getLayer(id)) map.removeLayer(id)
      if (map.getSource(sourceId)) map.removeSource(sourceId)
      map.doubleClickZoom.enable()
      current = undefined
    },
    show(features) {
      pending = features
      ;(current?.getSource(sourceId) as GeoJSONSource | undefined)?.setData(data())
    },
  }
}
