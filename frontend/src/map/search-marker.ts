import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'

// The mark on an address or street chosen in search: a ring with a dot, above every layer, until
// another search or a feature replaces it.

const id = 'search-marker'

/** Marks `center` on the map, or removes the mark when null. */
export function markPlace(map: MapLibreMap, center: [number, number] | null): void {
  const data: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: center
      ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: center }, properties: {} }]
      : [],
  }
  const source = map.getSource(id) as GeoJSONSource | undefined
  if (source) {
    source.setData(data)
    return
  }
  map.addSource(id, { type: 'geojson', data })
  map.addLayer({
    id,
    type: 'circle',
    source: id,
    paint: {
      'circle-radius': 10,
      'circle-color': '#d6336c',
      'circle-opacity': 0.25,
      'circle-stroke-color': '#d6336c',
      'circle-stroke-width': 3,
    },
  })
}
