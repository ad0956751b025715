import maplibregl, { type LayerSpecification, type Map as MapLibreMap } from 'maplibre-gl'
import type { LayerId } from '../registry.ts'
import { layerStyles } from './map-style.ts'

// The standard map tools beside the layers: scale bar, geolocation, per-layer opacity, what the
// view shows (for the legend), clicked points (coordinates, measuring) and a picture of the view
// (print). The coordinate, measuring and print modules that use these load on demand.

export type LonLat = [number, number]

/** A picture of the current view and what a printed map needs to say about it. */
export type MapSnapshot = {
  /** PNG data URL of the map canvas. */
  image: string
  /** CSS pixels of the map. */
  width: number
  height: number
  /** Ground metres per CSS pixel at the centre of the view. */
  metresPerPixel: number
  /** Degrees the map is rotated clockwise from north. */
  bearing: number
  /** The attribution the map shows, as text. */
  attribution: string
}

export type MapTools = {
  /** Calls `listener` with every point clicked on the map; returns the listener's removal. */
  onPointClick(listener: (point: LonLat) => void): () => void
  /** Draws the collection at `opacity` (0–1) of its style's own opacity. */
  setOpacity(id: LayerId, opacity: number): void
  /** The collections with features drawn in the current view. */
  collectionsInView(): LayerId[]
  snapshot(): Promise<MapSnapshot>
}

/** Adds the scale bar and, on touch screens, the button that shows where the user is. */
export function addStandardControls(map: MapLibreMap): void {
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left')
  if (matchMedia('(pointer: coarse)').matches) {
    map.addControl(
      new maplibregl.GeolocateControl({
        positionOptions: { enableHighAccuracy: true },
        showAccuracyCircle: true,
      }),
      'bottom-right',
    )
  }
}

const opacityProperties: Partial<Record<LayerSpecification['type'], string[]>> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity'],
}

const geometryLayers = layerStyles.flatMap((style) => style.layers.map((layer) => layer.id))

/** Ground metres per CSS pixel at `latitude` and `zoom` (512-pixel Web Mercator tiles). */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom)
}

/** The tools of `map`. */
export function makeMapTools(map: MapLibreMap): MapTools {
  return {
    onPointClick(listener) {
      const onClick = (event: maplibregl.MapMouseEvent) => listener([event.lngLat.lng, event.lngLat.lat])
      map.on('click', onClick)
      return () => map.off('click', onClick)
    },
    setOpacity(id, opacity) {
      const style = layerStyles.find((candidate) => candidate.id === id)
      for (const layer of [...(style?.layers ?? []), ...(style?.labels ?? [])]) {
        for (const property of opacityProperties[layer.type] ?? []) {
          const own = (layer as { paint?: Record<string, unknown> }).paint?.[property]
          const base = typeof own === 'number' ? own : 1
          map.setPaintProperty(layer.id, property, base * opacity)
        }
      }
    },
    collectionsInView() {
      const shown = geometryLayers.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none')
      const found = new Set<LayerId>()
      for (const feature of map.queryRenderedFeatures({ layers: shown })) {
        if (feature.sourceLayer) found.add(feature.sourceLayer as LayerId)
      }
      return [...found]
    },
    snapshot() {
      return new Promise((resolve) => {
        // The drawing buffer is only readable in the frame that drew it.
        map.once('render', () => {
          const container = map.getContainer()
          const center = map.getCenter()
          const attribution = container.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? ''
          resolve({
            image: map.getCanvas().toDataURL('image/png'),
            width: container.clientWidth,
            height: container.clientHeight,
            metresPerPixel: metresPerPixel(center.lat, map.getZoom()),
            bearing: map.getBearing(),
            attribution: attribution.replace(/\s+/g, ' ').trim(),
          })
        })
        map.triggerRepaint()
      })
    },
  }
}
