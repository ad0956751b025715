import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl'
import * as colours from '../../../backend/src/contract/palette.ts'
import { labelLayerName, labelsFrom } from '../../../backend/src/contract/tile-properties.ts'
import { findLayer, type Labels, type LayerId, type Vocabulary, vocabulary } from '../registry.ts'
import { labelFonts } from './font-stacks.ts'
import { buildingsStyle, stationsStyle } from './reference-map-layers.ts'

// The one style module: every collection's MapLibre layers and its legend entries come from the
// same class definitions below, so the legend cannot show a colour the map does not draw. The
// bare benchmark page (bench/frontend.bench.ts) builds its style from here too.

export const sourceId = 'quartiersatlas'
export const tileJsonPath = '/api/tiles/WebMercatorQuad/tilejson.json'

export type Dash = 'solid' | 'dashed' | 'dotted'
export type Swatch =
  | { kind: 'fill'; colour: string; outline: string; dash: Dash }
  | { kind: 'line'; colour: string; dash: Dash; width: number }
  | { kind: 'circle'; colour: string }

export type LegendEntry = { label: Labels; swatch: Swatch }

export type LayerStyle = {
  id: LayerId
  title: Labels
  visibleByDefault: boolean
  /** Drawn for orientation only: no clicks, not in the list of what the map shows. */
  inert?: true
  /** Geometry layers, bottom to top; the first ones respond to clicks. */
  layers: LayerSpecification[]
  /** Symbol layers, drawn above every collection's geometry. */
  labels: LayerSpecification[]
  legend: LegendEntry[]
}

const dashes: Record<Dash, number[] | undefined> = { solid: undefined, dashed: [3, 2], dotted: [0.1, 2] }

type Classes = { property: string; vocabulary: Vocabulary; colours: Record<string, string> }

function colourBy({ property, colours: byKey }: Classes, fallback = '#888888'): ExpressionSpecification {
  const pairs = Object.entries(byKey).flat()
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification
}

function legendOf(classes: Classes, swatch: (colour: string) => Swatch): LegendEntry[] {
  return Object.entries(classes.colours).map(([key, colour]) => ({
    label: classes.vocabulary[key] ?? { de: key, en: key },
    swatch: swatch(colour),
  }))
}

function source(layer: LayerId) {
  return { source: sourceId, 'source-layer': layer } as const
}

/**
 * A name label. A point collection's name sits beside its marker; an area's sits centred on its
 * label point, of which the combined tiles carry one per feature (contract/tile-properties.ts),
 * so that an area cut into many tile pieces is named once.
 */
function label(layer: LayerId, minzoom: number, colour: string, size = 12, kind: 'marker' | 'area' = 'area') {
  const placement =
    kind === 'marker'
      ? { 'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 0.8 }
      : { 'text-anchor': 'center' }
  return {
    id: `${layer}-label`,
    type: 'symbol',
    source: sourceId,
    'source-layer': kind === 'marker' ? layer : labelLayerName(layer),
    minzoom,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [...labelFonts.regular],
      'text-size': size,
      'text-max-width': 9,
      'text-optional': true,
      ...placement,
    },
    paint: { 'text-color': colour, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  } as LayerSpecification
}

function title(id: LayerId): Labels {
  return findLayer(id)?.title ?? { de: id, en: id }
}

const programmes: Classes = {
  property: 'programme',
  vocabulary: vocabulary.programmes,
  colours: colours.programmeColours,
}
const plotStatuses: Classes = {
  property: 'status',
  vocabulary: vocabulary.plotStatuses,
  colours: colours.plotStatusColours,
}
const uses: Classes = { property: 'use', vocabulary: vocabulary.agreementUses, colours: colours.useColours }
const fields: Classes = {
  property: 'field_of_action',
  vocabulary: vocabulary.fieldsOfAction,
  colours: colours.fieldColours,
}
const modes: Classes = {
  property: 'mode',
  vocabulary: vocabulary.linkModes,
  colours: colours.linkModeColours,
}
const kinds: Classes = {
  property: 'kind',
  vocabulary: vocabulary.placeKinds,
  colours: colours.placeKindColours,
}

const isPolygon: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon']
const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString']
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point']
const plannedLink: ExpressionSpecification = [
  'in',
  ['get', 'status'],
  ['literal', ['planned', 'under_construction']],
]
const gapLink: ExpressionSpecification = ['==', ['get', 'status'], 'gap']

/** Every collection's style, bottom to top. */
export const layerStyles: readonly LayerStyle[] = [
  buildingsStyle(sourceId),
  {
    id: 'districts',
    title: title('districts'),
    visibleByDefault: true,
    layers: [
      {
        id: 'districts-line',
        type: 'line',
        ...source('districts'),
        paint: { 'line-color': colours.districtColour, 'line-width': 0.8, 'line-opacity': 0.8 },
      },
    ],
    labels: [label('districts', labelsFrom.districts, colours.districtColour, 11)],
    legend: [
      {
        label: title('districts'),
        swatch: { kind: 'line', colour: colours.districtColour, dash: 'solid', width: 1 },
      },
    ],
  },
  {
    id: 'programme-areas',
    title: title('programme-areas'),
    visibleByDefault: true,
    layers: [
      {
        id: 'programme-areas-fill',
        type: 'fill',
        ...source('programme-areas'),
        paint: { 'fill-color': colourBy(programmes), 'fill-opacity': 0.1 },
      },
      {
        id: 'programme-areas-line',
        type: 'line',
        ...source('programme-areas'),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colours.programmeOutline, 'line-width': 2.5, 'line-dasharray': dashes.dotted },
      },
    ],
    labels: [label('programme-areas', labelsFrom['programme-areas'], colours.programmeOutline, 13)],
    legend: legendOf(programmes, (colour) => ({
      kind: 'fill',
      colour,
      outline: colours.programmeOutline,
      dash: 'dotted',
    })),
  },
  {
    id: 'quarters',
    title: title('quarters'),
    visibleByDefault: true,
    layers: [
      {
        id: 'quarters-line',
        type: 'line',
        ...source('quarters'),
        paint: { 'line-color': colours.quarterColour, 'line-width': 1.5, 'line-dasharray': dashes.dashed },
      },
    ],
    labels: [label('quarters', labelsFrom.quarters, colours.quarterColour, 12)],
    legend: [
      {
        label: title('quarters'),
        swatch: { kind: 'line', colour: colours.quarterColour, dash: 'dashed', width: 1.5 },
      },
    ],
  },
  {
    id: 'plots',
    title: title('plots'),
    visibleByDefault: true,
    layers: [
      {
        id: 'plots-fill',
        type: 'fill',
        ...source('plots'),
        paint: { 'fill-color': colourBy(plotStatuses), 'fill-opacity': 0.55 },
      },
      {
        id: 'plots-line',
        type: 'line',
        ...source('plots'),
        paint: { 'line-color': colourBy(plotStatuses), 'line-width': 1.2 },
      },
    ],
    labels: [label('plots', labelsFrom.plots, '#3b3b3b', 11)],
    legend: legendOf(plotStatuses, (colour) => ({ kind: 'fill', colour, outline: colour, dash: 'solid' })),
  },
  {
    id: 'interim-uses',
    title: title('interim-uses'),
    visibleByDefault: true,
    layers: [
      {
        id: 'interim-uses-fill',
        type: 'fill',
        ...source('interim-uses'),
        paint: { 'fill-color': colourBy(uses), 'fill-opacity': 0.35 },
      },
      {
        id: 'interim-uses-line',
        type: 'line',
        ...source('interim-uses'),
        paint: { 'line-color': colourBy(uses), 'line-width': 2.5, 'line-dasharray': dashes.dashed },
      },
    ],
    labels: [],
    legend: legendOf(uses, (colour) => ({ kind: 'fill', colour, outline: colour, dash: 'dashed' })),
  },
  {
    id: 'measures',
    title: title('measures'),
    visibleByDefault: true,
    layers: [
      {
        id: 'measures-fill',
        type: 'fill',
        ...source('measures'),
        filter: isPolygon,
        paint: {
          'fill-color': colourBy(fields),
          'fill-opacity': 0.3,
          'fill-outline-color': colourBy(fields),
        },
      },
      {
        id: 'measures-line',
        type: 'line',
        ...source('measures'),
        filter: isLine,
        paint: { 'line-color': colourBy(fields), 'line-width': 3, 'line-opacity': 0.8 },
      },
      {
        id: 'measures-point',
        type: 'circle',
        ...source('measures'),
        filter: isPoint,
        paint: {
          'circle-color': colourBy(fields),
          'circle-radius': 6,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
    ],
    // Eight fields of action in eight colours: the name beside each point is the cue that does
    // not need colour vision (WCAG 1.4.1), as on the places' markers.
    labels: [{ ...label('measures', 14, '#222222', 11, 'marker'), filter: isPoint } as LayerSpecification],
    legend: legendOf(fields, (colour) => ({ kind: 'circle', colour })),
  },
  {
    id: 'links',
    title: title('links'),
    visibleByDefault: true,
    layers: [
      {
        id: 'links-gap',
        type: 'line',
        ...source('links'),
        filter: gapLink,
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': colours.gapColour, 'line-width': 4, 'line-dasharray': dashes.dotted },
      },
      {
        id: 'links-planned',
        type: 'line',
        ...source('links'),
        filter: plannedLink,
        paint: { 'line-color': colourBy(modes), 'line-width': 3, 'line-dasharray': dashes.dashed },
      },
      {
        id: 'links-existing',
        type: 'line',
        ...source('links'),
        filter: ['!', ['any', plannedLink, gapLink]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colourBy(modes), 'line-width': 3 },
      },
    ],
    labels: [],
    legend: [
      ...legendOf(modes, (colour) => ({ kind: 'line', colour, dash: 'solid', width: 3 })),
      {
        label: vocabulary.linkStatuses.planned,
        swatch: { kind: 'line', colour: '#555555', dash: 'dashed', width: 3 },
      },
      {
        label: vocabulary.linkStatuses.gap,
        swatch: { kind: 'line', colour: colours.gapColour, dash: 'dotted', width: 4 },
      },
    ],
  },
  {
    id: 'places',
    title: title('places'),
    visibleByDefault: true,
    layers: [
      {
        id: 'places-point',
        type: 'circle',
        ...source('places'),
        paint: {
          'circle-color': colourBy(kinds),
          'circle-radius': 7,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    ],
    labels: [label('places', 13, '#222222', 12, 'marker')],
    legend: legendOf(kinds, (colour) => ({ kind: 'circle', colour })),
  },
  stationsStyle(sourceId),
]

/** The highlight drawn over the selected feature (its filter is set on selection). */
export function highlightLayers(): LayerSpecification[] {
  return layerStyles.flatMap(({ id }) => [
    {
      id: `${id}-highlight`,
      type: 'line',
      ...source(id),
      filter: ['==', ['id'], -1],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': colours.highlightColour, 'line-width': 6, 'line-opacity': 0.9 },
    } as LayerSpecification,
    {
      id: `${id}-highlight-point`,
      type: 'circle',
      ...source(id),
      filter: ['==', ['id'], -1],
      paint: {
        'circle-radius': 11,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': colours.highlightColour,
        'circle-stroke-width': 4,
      },
    } as LayerSpecification,
  ])
}

/** The complete offline style: a quiet background, our tiles, geometry, highlights, labels. */
export function makeStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    sources: { [sourceId]: { type: 'vector', url: `${origin}${tileJsonPath}` } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': colours.backgroundColour } },
      ...layerStyles.flatMap((style) => style.layers),
      ...highlightLayers(),
      ...layerStyles.flatMap((style) => style.labels),
    ],
  }
}

/** Map layer ids per collection (geometry, highlight and labels), for visibility toggles. */
export function mapLayerIds(id: LayerId): string[] {
  const style = layerStyles.find((candidate) => candidate.id === id)
  if (!style) return []
  return [...style.layers, ...style.labels].map((layer) => layer.id)
}
