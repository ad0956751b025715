import type { FeatureCollection } from 'geojson'
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'

// Geometry shown beside the one being edited: "theirs" in a conflict, a version from the
// history, the layers as of a date, an outline that is in no tile (an offer under review). One
// GeoJSON source per purpose, drawn above the tiles.

export type ReferenceKind = 'theirs' | 'version' | 'asof' | 'outline'

const colours: Record<ReferenceKind, string> = {
  theirs: '#c2410c',
  version: '#7c3aed',
  asof: '#0f766e',
  outline: '#1d4ed8',
}

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }

/** Shows `data` as the `kind` reference on the map (an empty collection hides it). */
export function showReference(map: MapLibreMap, kind: ReferenceKind, data: FeatureCollection = empty): void {
  const id = `editing-${kind}`
  const source = map.getSource(id) as GeoJSONSource | undefined
  if (source) {
    source.setData(data)
    return
  }
  map.addSource(id, { type: 'geojson', data })
  const colour = colours[kind]
  map.addLayer({
    id: `${id}-fill`,
    type: 'fill',
    source: id,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': colour, 'fill-opacity': 0.15 },
  })
  map.addLayer({
    id: `${id}-line`,
    type: 'line',
    source: id,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': colour, 'line-width': 2.5, 'line-dasharray': kind === 'theirs' ? [2, 1] : [1, 0] },
  })
  map.addLayer({
    id: `${id}-point`,
    type: 'circle',
    source: id,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': colour,
      'circle-radius': 6,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  })
}

/** Removes every reference layer and source. */
export function removeReferences(map: MapLibreMap): void {
  for (const kind of Object.keys(colours)) {
    const id = `editing-${kind}`
    for (const suffix of ['fill', 'line', 'point'])
      if (map.getLayer(`${id}-${suffix}`)) map.removeLayer(`${id}-${suffix}`)
    if (map.getSource(id)) map.removeSource(id)
  }
}
