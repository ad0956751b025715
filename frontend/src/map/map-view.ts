import type { Geometry } from 'geojson'
import maplibregl, { type FilterSpecification, type Map as MapLibreMap } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import { getOwner, onCleanup, runWithOwner } from 'solid-js'
import type { LayerId } from '../registry.ts'
import { addBasemap, fetchBasemapStyle } from './basemap.ts'
import { showReference } from './draw/reference-layers.ts'
import { loadLabelFonts } from './label-font.ts'
import { combineFilter, filterExpressions, type MapFilters } from './map-filters.ts'
import { layerStyles, makeStyle, mapLayerIds } from './map-style.ts'
import { addStandardControls, type MapTools, makeMapTools } from './map-tools.ts'
import { markPlace } from './search-marker.ts'

// The only place the app touches MapLibre: components get a MapHandle and never the map itself.
// Tests reach the map as window.__quartiersatlas.map (kept in production builds on purpose, so
// the browser tests check what users get).

export type FeatureRef = { collection: LayerId; id: number | string }
export type RenderedItem = FeatureRef & { name: string }
export type MapCamera = { zoom: number; lat: number; lon: number }
export type BBox = [number, number, number, number]
export type Inset = { top: number; right: number; bottom: number; left: number }

/** An interaction (drawing, editing) that a later module adds to the map and removes again. */
export type MapInteraction = { activate(map: MapLibreMap): void; deactivate(map: MapLibreMap): void }

export type MapHandle = {
  /** Resolves once the style and our source are loaded. */
  readonly ready: Promise<void>
  setLayerVisible(id: LayerId, visible: boolean): void
  setFilters(filters: MapFilters): void
  select(ref: FeatureRef | null): void
  /** Fits the map to `bbox`, keeping it clear of panels that cover `inset` pixels of the map. */
  fitBounds(bbox: BBox, inset?: Partial<Inset>): void
  flyTo(center: [number, number], zoom?: number): void
  /** The name screen readers give the map's canvas (it takes the focus for keyboard panning and zooming). */
  setLabel(text: string): void
  /** Marks a place found by search (an address, a street); null removes the mark. */
  markPlace(center: [number, number] | null): void
  camera(): MapCamera
  /** The features drawn in the current view, one entry per feature. */
  renderedItems(): RenderedItem[]
  /** While on, clicks on the map draw (vertices) and open no feature. */
  setDrawing(on: boolean): void
  /** Calls `listener` with the feature clicked on the map; returns the listener's removal. */
  onFeatureClick(listener: (ref: FeatureRef) => void): () => void
  onViewChange(listener: (camera: MapCamera) => void): void
  onIdle(listener: () => void): void
  /** Outlines a geometry that no tile holds (an offer under review); null removes the outline. */
  showOutline(geometry: Geometry | null): void
  /** Adds an interaction (issue 6: drawing with Terra Draw); returns its removal. */
  addInteraction(interaction: MapInteraction): () => void
  /** Scale, opacity, clicked points, what is in view, a picture of the view (map-tools.ts). */
  readonly tools: MapTools
}

declare global {
  interface Window {
    __quartiersatlas?: { map: MapLibreMap }
  }
}

const interactiveLayers = layerStyles
  .filter((style) => !style.inert)
  .flatMap((style) => style.layers.map((layer) => layer.id))
const bottomLayer = layerStyles[0]?.layers[0]?.id
const collectionOrder = layerStyles.map((style) => style.id).reverse()

export type MapOptions = {
  camera: MapCamera | null
  basemapStyleUrl: Promise<string | null>
  /** Without a camera, the map opens on this box (all programme areas of the city). */
  home?: Promise<BBox | null>
}

/** Makes the map in `container` and removes it when the owning component is cleaned up. */
export async function makeMapView(container: HTMLElement, options: MapOptions): Promise<MapHandle> {
  // The owner is lost across the await below; keep it so the map is still removed with the component.
  const owner = getOwner()
  const [, home] = await Promise.all([loadLabelFonts(), options.camera ? null : options.home])
  const camera = options.camera ?? { zoom: 11.2, lat: 51.335, lon: 12.34 }
  const map = new maplibregl.Map({
    container,
    style: makeStyle(location.origin),
    center: [camera.lon, camera.lat],
    zoom: camera.zoom,
    ...(home ? { bounds: home, fitBoundsOptions: { padding: 20 } } : {}),
    attributionControl: { compact: true },
    transformRequest: (url) => ({ url: url.startsWith('/') ? location.origin + url : url }),
  })
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right')
  addStandardControls(map)
  window.__quartiersatlas = { map }
  runWithOwner(owner, () =>
    onCleanup(() => {
      map.remove()
      delete window.__quartiersatlas
    }),
  )

  const ready = new Promise<void>((resolve) => map.once('load', () => resolve()))
  void ready.then(async () => {
    const url = await options.basemapStyleUrl
    const style = url ? await fetchBasemapStyle(url) : null
    if (style && bottomLayer) addBasemap(map, style, bottomLayer)
  })

  const currentCamera = (): MapCamera => {
    const center = map.getCenter()
    return { zoom: map.getZoom(), lat: center.lat, lon: center.lng }
  }
  const baseFilters = new Map<string, FilterSpecification | undefined>()
  for (const style of layerStyles) {
    for (const layer of style.layers) baseFilters.set(layer.id, 'filter' in layer ? layer.filter : undefined)
  }

  let drawing = false
  map.on('mousemove', (event) => {
    if (drawing) return
    const hit = map.queryRenderedFeatures(event.point, { layers: interactiveLayers }).length > 0
    map.getCanvas().style.cursor = hit ? 'pointer' : ''
  })

  return {
    ready,
    setLayerVisible(id, visible) {
      for (const layerId of mapLayerIds(id)) {
        map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none')
      }
    },
    setFilters(filters) {
      for (const style of layerStyles) {
        const extra = filterExpressions(style.id, filters)
        for (const layer of [...style.layers, ...style.labels]) {
          map.setFilter(layer.id, combineFilter(baseFilters.get(layer.id), extra))
        }
      }
    },
    select(ref) {
      for (const style of layerStyles) {
        const filter: FilterSpecification =
          ref && ref.collection === style.id ? ['==', ['id'], Number(ref.id)] : ['==', ['id'], -1]
        map.setFilter(`${style.id}-highlight`, filter)
        map.setFilter(`${style.id}-highlight-point`, ['all', ['==', ['geometry-type'], 'Point'], filter])
      }
    },
    // Both moves jump instead of flying when the user prefers reduced motion: MapLibre does so for
    // any camera animation not marked `essential` (checked in accessibility.test.ts).
    fitBounds(bbox, inset = {}) {
      const padding = { top: 60, right: 60, bottom: 60, left: 60, ...inset }
      map.fitBounds(bbox, { padding, maxZoom: 17, duration: 600 })
    },
    flyTo(center, zoom = 16) {
      map.flyTo({ center, zoom, duration: 800 })
    },
    setLabel(text) {
      map.getCanvas().setAttribute('aria-label', text)
    },
    markPlace(center) {
      markPlace(map, center)
    },
    camera: currentCamera,
    renderedItems() {
      const seen = new Map<string, RenderedItem>()
      for (const feature of map.queryRenderedFeatures({ layers: interactiveLayers })) {
        const collection = feature.sourceLayer as LayerId
        if (feature.id === undefined) continue
        const key = `${collection}/${feature.id}`
        const name = String(feature.properties.name ?? key)
        if (!seen.has(key)) seen.set(key, { collection, id: feature.id, name })
      }
      return [...seen.values()].sort(
        (a, b) =>
          collectionOrder.indexOf(a.collection) - collectionOrder.indexOf(b.collection) ||
          a.name.localeCompare(b.name),
      )
    },
    setDrawing(on) {
      drawing = on
    },
    onFeatureClick(listener) {
      const onClick = (event: maplibregl.MapMouseEvent) => {
        if (drawing) return
        const { x, y } = event.point
        const box: [[number, number], [number, number]] = [
          [x - 6, y - 6],
          [x + 6, y + 6],
        ]
        const [feature] = map.queryRenderedFeatures(box, { layers: interactiveLayers })
        if (feature?.id !== undefined && feature.sourceLayer) {
          listener({ collection: feature.sourceLayer as LayerId, id: feature.id })
        }
      }
      map.on('click', onClick)
      return () => map.off('click', onClick)
    },
    onViewChange(listener) {
      map.on('moveend', () => listener(currentCamera()))
    },
    onIdle(listener) {
      map.on('idle', listener)
    },
    showOutline(geometry) {
      showReference(map, 'outline', {
        type: 'FeatureCollection',
        features: geometry ? [{ type: 'Feature', geometry, properties: {} }] : [],
      })
    },
    addInteraction(interaction) {
      interaction.activate(map)
      return () => interaction.deactivate(map)
    },
    tools: makeMapTools(map),
  }
}
