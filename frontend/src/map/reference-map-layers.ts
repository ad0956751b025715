import type { LayerSpecification } from 'maplibre-gl'
import { buildingFill, buildingLine, stationColour } from '../../../backend/src/contract/palette.ts'
import { labelFonts } from './font-stacks.ts'
import type { LayerStyle } from './map-style.ts'

// The offline reference map's own layers (issue 16), drawn from the same tiles as every layer:
// OSM building outlines in light grey from z14, under everything else, and the rail and S-Bahn
// stations with their names. The districts keep their style in map-style.ts, which passes its
// source id in (a value import back would be a cycle).

/** The buildings: bottom-most, drawn for orientation only (no clicks, not listed). */
export const buildingsStyle = (sourceId: string): LayerStyle => ({
  id: 'buildings',
  title: { de: 'Gebäude (OSM)', en: 'Buildings (OSM)' },
  visibleByDefault: true,
  inert: true,
  layers: [
    {
      id: 'buildings-fill',
      type: 'fill',
      source: sourceId,
      'source-layer': 'buildings',
      minzoom: 14,
      paint: { 'fill-color': buildingFill, 'fill-opacity': 0.8, 'fill-outline-color': buildingLine },
    } as LayerSpecification,
  ],
  labels: [],
  legend: [
    {
      label: { de: 'Gebäude (OSM)', en: 'Buildings (OSM)' },
      swatch: { kind: 'fill', colour: buildingFill, outline: buildingLine, dash: 'solid' },
    },
  ],
})

/** The stations: a small dark dot with the station's name beside it. */
export const stationsStyle = (sourceId: string): LayerStyle => ({
  id: 'stations',
  title: { de: 'Bahnhöfe und S-Bahn-Halte', en: 'Rail and S-Bahn stations' },
  visibleByDefault: true,
  layers: [
    {
      id: 'stations-point',
      type: 'circle',
      source: sourceId,
      'source-layer': 'stations',
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 5,
        'circle-stroke-color': stationColour,
        'circle-stroke-width': 2.5,
      },
    } as LayerSpecification,
  ],
  labels: [
    {
      id: 'stations-label',
      type: 'symbol',
      source: sourceId,
      'source-layer': 'stations',
      minzoom: 12,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [...labelFonts.regular],
        'text-size': 11,
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.8,
        'text-optional': true,
      },
      paint: { 'text-color': stationColour, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    } as LayerSpecification,
  ],
  legend: [
    {
      label: { de: 'Bahnhof, S-Bahn-Halt', en: 'Station, S-Bahn halt' },
      swatch: { kind: 'circle', colour: stationColour },
    },
  ],
})
