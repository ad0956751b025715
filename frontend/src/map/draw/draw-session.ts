import { bbox } from '@turf/turf'
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson'
import maplibregl, { type Map as MapLibreMap, type VectorTileSource } from 'maplibre-gl'
import { getOwner, onCleanup, runWithOwner } from 'solid-js'
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  TerraDrawLineStringMode,
  type TerraDrawMouseEvent,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  TerraDrawSessionUndoRedo,
} from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { sourceId } from '../map-style.ts'
import type { MapHandle } from '../map-view.ts'
import { type ReferenceKind, removeReferences, showReference } from './reference-layers.ts'
import { forgetExactGeometries, snapToRendered } from './snap-to-rendered.ts'

// Drawing and editing with Terra Draw on the MapLibre map: the one place that knows Terra Draw.
// The editing UI sees a DrawSession: what is drawn (one feature, possibly of several parts),
// helper lines and polygons for operations (split, hole), snapping, undo/redo, and markers.

export type DrawKind = 'polygon' | 'linestring' | 'point'

export type DrawSession = {
  /** Starts drawing a new feature of `kind`, dropping what was drawn. */
  draw(kind: DrawKind): void
  /** Puts an existing geometry on the map for editing (vertices, dragging). */
  load(geometry: Geometry): void
  /** Draws one helper shape (a cutting line, a hole) and hands it over when finished. */
  drawHelper(kind: 'polygon' | 'linestring'): Promise<Polygon | LineString>
  /** The drawn geometry (multi when it has several parts); undefined when nothing is drawn. */
  geometry(): Geometry | undefined
  /** Called after every change of the drawn geometry, while drawing too. */
  onChange(listener: (geometry: Geometry | undefined) => void): void
  setSnapping(on: boolean): void
  undo(): void
  redo(): void
  /** Removes everything drawn and returns to panning. */
  clear(): void
  /** Marks `location` on the map with `text` (the reason a geometry fails); none: removes it. */
  showProblem(location: Position | undefined, text?: string): void
  showReference(kind: ReferenceKind, data?: GeoJSON.FeatureCollection): void
  fitTo(geometry: Geometry): void
  /** Fetches the map's tiles again after a write (they revalidate by ETag), so the map shows it. */
  refreshTiles(): void
}

const snapTolerancePixels = 12
/**
 * Decimal places of drawn lon/lat: the 7 the API reads and writes features with (about 1 cm), so
 * a vertex snapped to a stored corner is that corner, digit for digit.
 */
const coordinatePrecision = 7
const helper = 'helper'

/** Makes a draw session on the map of `handle`; it removes itself with the owning component. */
export async function makeDrawSession(handle: MapHandle): Promise<DrawSession> {
  // The owner is lost across the await; keep it so the session goes with its component.
  const owner = getOwner()
  await handle.ready
  let map!: MapLibreMap
  const remove = handle.addInteraction({
    activate(m) {
      map = m
    },
    deactivate(m) {
      handle.setDrawing(false)
      draw.stop()
      removeReferences(m)
      marker?.remove()
    },
  })
  let snapping = true
  const toCustom = (event: TerraDrawMouseEvent) =>
    snapping
      ? snapToRendered(map, { x: event.containerX, y: event.containerY }, snapTolerancePixels)
      : undefined
  const snap = { toCoordinate: true, toLine: true, toCustom }
  const editable = {
    draggable: true,
    coordinates: { midpoints: true, draggable: true, deletable: true, snappable: snap },
  }
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision }),
    modes: [
      new TerraDrawPolygonMode({ snapping: snap, pointerDistance: snapTolerancePixels }),
      new TerraDrawLineStringMode({ snapping: snap, pointerDistance: snapTolerancePixels }),
      new TerraDrawPointMode({}),
      new TerraDrawSelectMode({
        flags: {
          polygon: { feature: editable },
          linestring: { feature: editable },
          point: { feature: { draggable: true } },
        },
      }),
    ],
    undoRedo: { sessionLevel: new TerraDrawSessionUndoRedo() },
  })
  draw.start()
  runWithOwner(owner, () => onCleanup(remove))

  const listeners: Array<(geometry: Geometry | undefined) => void> = []
  let pendingHelper: ((geometry: Polygon | LineString) => void) | undefined
  let marker: maplibregl.Marker | undefined

  const drawnGeometry = (): Geometry | undefined => {
    const all = draw.getSnapshot().filter((f) => f.properties.role !== helper)
    const polygons = all
      .filter((f) => f.geometry.type === 'Polygon')
      .map((f) => (f.geometry as Polygon).coordinates)
    const lines = all
      .filter((f) => f.geometry.type === 'LineString')
      .map((f) => (f.geometry as LineString).coordinates)
    const points = all
      .filter((f) => f.geometry.type === 'Point')
      .map((f) => (f.geometry as Point).coordinates)
    if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0] as Position[][] }
    if (polygons.length > 1) return { type: 'MultiPolygon', coordinates: polygons }
    if (lines.length === 1) return { type: 'LineString', coordinates: lines[0] as Position[] }
    if (lines.length > 1) return { type: 'MultiLineString', coordinates: lines }
    if (points.length > 0) return { type: 'Point', coordinates: points[0] as Position }
    return undefined
  }
  const announce = () => {
    const geometry = drawnGeometry()
    for (const listener of listeners) listener(geometry)
  }
  draw.on('change', () => announce())
  draw.on('finish', (id) => {
    // After the click that finished the shape has passed the map too (it fires after pointerup).
    setTimeout(() => handle.setDrawing(false))
    const feature = draw.getSnapshotFeature(id)
    if (!feature) return
    if (pendingHelper) {
      draw.updateFeatureProperties(id, { role: helper })
      const resolve = pendingHelper
      pendingHelper = undefined
      draw.removeFeatures([id])
      draw.setMode('select')
      resolve(feature.geometry as Polygon | LineString)
      return
    }
    // One feature at a time: after finishing, its vertices are editable straight away.
    draw.setMode('select')
    draw.selectFeature(id)
    announce()
  })

  const load = (input: Geometry) => {
    draw.clear()
    const geometry = roundCoordinates(input)
    const parts: Array<Polygon | LineString | Point> =
      geometry.type === 'MultiPolygon'
        ? geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
        : geometry.type === 'MultiLineString'
          ? geometry.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }))
          : geometry.type === 'Polygon' || geometry.type === 'LineString' || geometry.type === 'Point'
            ? [geometry]
            : []
    const mode = (g: Polygon | LineString | Point) =>
      g.type === 'Polygon' ? 'polygon' : g.type === 'LineString' ? 'linestring' : 'point'
    const added = draw.addFeatures(
      parts.map(
        (g) => ({ type: 'Feature', geometry: g, properties: { mode: mode(g) } }) as GeoJSONStoreFeatures,
      ),
    )
    draw.setMode('select')
    // Selected at once, so its vertices show as handles without a further click.
    const first = added.find((result) => result.valid && result.id !== undefined)
    if (first?.id !== undefined) draw.selectFeature(first.id)
    announce()
  }

  return {
    draw(kind) {
      draw.clear()
      draw.setMode(kind)
      handle.setDrawing(true)
      announce()
    },
    load,
    drawHelper(kind) {
      draw.setMode(kind)
      handle.setDrawing(true)
      return new Promise((resolve) => {
        pendingHelper = resolve
      })
    },
    geometry: drawnGeometry,
    onChange(listener) {
      listeners.push(listener)
    },
    setSnapping(on) {
      snapping = on
    },
    undo() {
      if (draw.canUndo()) draw.undo()
      announce()
    },
    redo() {
      if (draw.canRedo()) draw.redo()
      announce()
    },
    clear() {
      handle.setDrawing(false)
      draw.clear()
      draw.setMode('static')
      pendingHelper = undefined
      announce()
    },
    showProblem(location, text) {
      marker?.remove()
      marker = undefined
      if (!location) return
      const element = document.createElement('div')
      element.className = 'editing-problem-marker'
      element.setAttribute('role', 'status')
      element.textContent = text ?? ''
      marker = new maplibregl.Marker({ element, anchor: 'bottom' })
        .setLngLat([location[0] as number, location[1] as number])
        .addTo(map)
    },
    showReference(kind, data) {
      showReference(map, kind, data)
    },
    refreshTiles() {
      forgetExactGeometries()
      const source = map.getSource(sourceId) as VectorTileSource | undefined
      if (source?.tiles) source.setTiles([...source.tiles])
    },
    fitTo(geometry) {
      const [west, south, east, north] = bbox(geometry)
      map.fitBounds([west, south, east, north], { padding: 80, maxZoom: 18, duration: 0 })
    },
  }
}

/**
 * Terra Draw refuses coordinates with more decimals than its precision; results of polygon
 * clipping and stored features from elsewhere have more.
 */
function roundCoordinates<G extends Geometry>(geometry: G): G {
  const factor = 10 ** coordinatePrecision
  const round = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(round)
      : typeof value === 'number'
        ? Math.round(value * factor) / factor
        : value
  if (geometry.type === 'GeometryCollection') return geometry
  return { ...geometry, coordinates: round(geometry.coordinates) } as G
}
