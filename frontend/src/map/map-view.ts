import maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import { onCleanup } from 'solid-js'

/** A MapLibre map over Leipzig in `container`; removed when the owning component is. */
export function createMapView(container: HTMLElement): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f3ef' } }],
    },
    center: [12.33, 51.33],
    zoom: 12,
  })
  onCleanup(() => map.remove())
  return map
}
