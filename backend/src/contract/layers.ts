import { z } from 'zod'
import { oneLine } from './text.ts'
import {
  agreementStatuses,
  agreementUses,
  contaminations,
  fieldsOfAction,
  keysOf,
  type Labels,
  linkModes,
  linkStatuses,
  measureStatuses,
  placeKinds,
  plotStatuses,
  priorities,
  programmeAreaStatuses,
  programmes,
  timeFrames,
  type Vocabulary,
} from './vocabulary.ts'

// The registry of map layers: one entry per public collection, naming its table, geometry,
// the properties a client may write (zod, shared with the front end's forms) and the allow-list
// of properties that public responses, tiles and exports may contain. Nothing else about a row
// ever leaves the server on a public path.

export type GeometryType = 'MultiPolygon' | 'MultiLineString' | 'Point' | 'Geometry'
export type Measure = 'area_m2' | 'length_m'

export interface Layer {
  /** The collection id in URLs and the MVT layer name. */
  readonly id: string
  /** The table or view behind it: a fixed identifier, never taken from a request. */
  readonly table: string
  /**
   * Only rows whose geometry has this dimension (0 points, 1 lines, 2 areas): a collection over
   * one geometry type of a table that mixes them (see `featureCollections`).
   */
  readonly geometryDimension?: 0 | 1 | 2
  readonly title: Labels
  readonly description: Labels
  readonly geometryType: GeometryType
  /** What planners may write (and imports may load), with types and vocabularies. */
  readonly properties: z.ZodObject
  /** The vocabulary of each enumerated property: its enum, its labels and the map's filters. */
  readonly vocabularies: Readonly<Record<string, Vocabulary>>
  /** Columns that public responses may show, including computed measures. */
  readonly publicProperties: readonly string[]
  /** Columns that hold the id of a row in another table. */
  readonly references: Readonly<Record<string, string>>
  /** Measures computed by the database in the municipality's official CRS. */
  readonly measures: readonly Measure[]
  /** Columns that bound a feature in time, for `datetime` filters and the year control. */
  readonly temporal?: { readonly start: string; readonly end: string }
  /** Public properties a client may filter items on by equality (`?status=fallow`). */
  readonly queryables: readonly string[]
  /** Written through the API (false: imported or derived). */
  readonly writable: boolean
  /** A column whose value identifies a row on re-import when no external_id is given. */
  readonly naturalKey?: string
  /** Reference data shipped with the project (geodata/SOURCES.md): read-only, under our layers. */
  readonly reference?: true
  /** The attribution its source asks for, shown on the map (TileJSON `attribution`, HTML). */
  readonly attribution?: string
  /** How the layer appears in vector tiles. */
  readonly tiles: TileRules
}

/**
 * Zoom rules of a layer in vector tiles, so that no tile grows huge: below `minZoom` the layer is
 * absent; features smaller than `minPixels` screen pixels are left out (small plots vanish at low
 * zoom, as on a printed map); each tile keeps at most `maxFeatures`, the largest first; lines and
 * polygons are simplified by `simplify` pixels. These three rules hold below `fullFrom`; from
 * that zoom on a tile carries every feature in it, as a plain ST_AsMVT would.
 */
export interface TileRules {
  readonly minZoom: number
  /** The highest zoom with tiles of its own; clients overzoom beyond. */
  readonly maxZoom: number
  readonly minPixels: number
  readonly maxFeatures: number
  readonly simplify: number
  /**
   * The zoom from which the size threshold, the cap and simplification no longer apply, as in a
   * plain tile server. At z14 they made the render 1.57× the plain statement for identical bytes
   * (bench/RESULTS.md); at z12 over 100,000 generated plots the cap kept 4,000 of 11,900, which a
   * z12 tile now carries in full (about 700 KB before gzip).
   */
  readonly fullFrom: number
  /** Layers whose rows this layer is derived from: their writes change this layer's tiles too. */
  readonly derivedFrom?: readonly string[]
}

const areaTiles = { minZoom: 8, maxZoom: 16, minPixels: 1, maxFeatures: 4000, simplify: 0.25, fullFrom: 12 }

const name = oneLine.min(1, 'a name is required').max(200)
const text = (max: number) => z.string().trim().max(max).nullable().optional()
const isoDate = z.iso.date().nullable().optional()
const reference = z.number().int().positive().nullable().optional()
const common = {
  external_id: oneLine.min(1).max(200).nullable().optional(),
  approximate: z.boolean().optional(),
}

// Which vocabulary each enumerated property of a layer uses: the source of its zod enum (what
// may be written), of the labels the feature panel shows and of the map's filters.
export const programmeAreaVocabularies = { programme: programmes, status: programmeAreaStatuses } as const
export const plotVocabularies = { contamination: contaminations, status: plotStatuses } as const
export const measureVocabularies = {
  field_of_action: fieldsOfAction,
  priority: priorities,
  status: measureStatuses,
  time_frame: timeFrames,
} as const
export const linkVocabularies = { mode: linkModes, status: linkStatuses, priority: priorities } as const
export const placeVocabularies = { kind: placeKinds } as const
export const interimUseVocabularies = { use: agreementUses, status: agreementStatuses } as const

export const programmeAreaProperties = z.strictObject({
  name,
  programme: z.enum(keysOf(programmeAreaVocabularies.programme)).optional(),
  period_start: isoDate,
  period_end: isoDate,
  status: z.enum(keysOf(programmeAreaVocabularies.status)).optional(),
  commissioning_office: text(200),
  sponsor: text(200),
  local_office: text(200),
  local_office_address: text(300),
  budget_eur: z.number().finite().nonnegative().max(1e12).nullable().optional(),
  description: text(4000),
  ...common,
})

export const districtProperties = z.strictObject({
  key: oneLine.min(1).max(20),
  name,
  parent_key: text(20),
  ...common,
})

export const plotProperties = z.strictObject({
  name,
  address: text(300),
  gemarkung: text(100),
  flur: text(50),
  flurstueck: text(200),
  previous_use: text(300),
  contamination: z.enum(keysOf(plotVocabularies.contamination)).optional(),
  status: z.enum(keysOf(plotVocabularies.status)).optional(),
  description: text(4000),
  owner_party_id: reference,
  internal_notes: text(4000),
  ...common,
})

export const buildingProperties = z.strictObject({
  osm_way_id: z.number().int().positive(),
  name: text(200),
  building: text(100),
  street: text(200),
  housenumber: text(50),
  postcode: text(10),
})

export const stationProperties = z.strictObject({
  osm_node_id: z.number().int().positive(),
  name,
  railway: text(50),
})

export const quarterProperties = z.strictObject({
  name,
  code: text(20),
  description: text(4000),
  ...common,
})

export const measureProperties = z.strictObject({
  name,
  quarter_id: reference,
  field_of_action: z.enum(keysOf(measureVocabularies.field_of_action)).optional(),
  description: text(4000),
  priority: z.enum(keysOf(measureVocabularies.priority)).optional(),
  status: z.enum(keysOf(measureVocabularies.status)).optional(),
  time_frame: z.enum(keysOf(measureVocabularies.time_frame)).optional(),
  ...common,
})

export const linkProperties = z.strictObject({
  name,
  mode: z.enum(keysOf(linkVocabularies.mode)).optional(),
  status: z.enum(keysOf(linkVocabularies.status)).optional(),
  surface: text(100),
  priority: z.enum(keysOf(linkVocabularies.priority)).optional(),
  from_quarter_id: reference,
  to_quarter_id: reference,
  description: text(4000),
  ...common,
})

export const placeProperties = z.strictObject({
  name,
  kind: z.enum(keysOf(placeVocabularies.kind)).optional(),
  description: text(4000),
  address: text(300),
  organisation: text(200),
  starts_on: isoDate,
  ends_on: isoDate,
  schedule: text(200),
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  ...common,
})

/** The public face of running agreements; derived from agreements, so read-only here. */
export const interimUseProperties = z.strictObject({
  name,
  use: z.enum(keysOf(interimUseVocabularies.use)),
  status: z.enum(keysOf(interimUseVocabularies.status)),
  term_start: isoDate,
  term_end: isoDate,
  public_access: z.boolean(),
  description: text(4000),
  organisation: text(500),
})

/**
 * The district (official key) and programme areas (ids) a plot, place or measure lies in: kept by
 * the database on every write and import (sql/015), shown, filtered on and exported, never written.
 */
export const areaTags = ['district_key', 'programme_area_ids'] as const

export const layers = [
  {
    id: 'programme-areas',
    table: 'programme_areas',
    title: { de: 'Fördergebiete', en: 'Programme areas' },
    description: {
      de: 'Gebietskulissen der Städtebauförderung (Sozialer Zusammenhalt, Stadtumbau, URBAN II, EFRE) mit Programm, Zeitraum und Budget.',
      en: 'Urban development funding areas (social cohesion, urban restructuring, URBAN II, ERDF) with programme, period and budget.',
    },
    geometryType: 'MultiPolygon',
    properties: programmeAreaProperties,
    vocabularies: programmeAreaVocabularies,
    publicProperties: [
      'name',
      'programme',
      'period_start',
      'period_end',
      'status',
      'commissioning_office',
      'sponsor',
      'local_office',
      'local_office_address',
      'budget_eur',
      'description',
      'approximate',
      'area_m2',
      'municipality',
    ],
    references: {},
    measures: ['area_m2'],
    temporal: { start: 'period_start', end: 'period_end' },
    queryables: ['name', 'programme', 'status', 'municipality'],
    tiles: { ...areaTiles, minZoom: 6, minPixels: 0 },
    writable: true,
  },
  {
    id: 'districts',
    table: 'districts',
    title: { de: 'Ortsteile', en: 'Districts' },
    description: {
      de: 'Amtliche Ortsteilgrenzen (importiert).',
      en: 'Official district boundaries (imported).',
    },
    geometryType: 'MultiPolygon',
    properties: districtProperties,
    vocabularies: {},
    publicProperties: ['key', 'name', 'parent_key', 'area_m2', 'municipality'],
    references: {},
    measures: ['area_m2'],
    queryables: ['key', 'name', 'parent_key', 'municipality'],
    tiles: { ...areaTiles, minZoom: 6, minPixels: 0 },
    writable: false,
    naturalKey: 'key',
    reference: true,
    attribution: '<a href="https://www.govdata.de/dl-de/by-2-0">Stadt Leipzig, dl-de/by-2-0</a>',
  },
  {
    id: 'buildings',
    table: 'buildings',
    title: { de: 'Gebäude (OSM)', en: 'Buildings (OSM)' },
    description: {
      de: 'Gebäudeumrisse der Fokus-Ortsteile aus OpenStreetMap (Stand 2025-01-01), nur zur Orientierung.',
      en: 'Building outlines of the focus districts from OpenStreetMap (as of 2025-01-01), for orientation only.',
    },
    geometryType: 'MultiPolygon',
    properties: buildingProperties,
    vocabularies: {},
    publicProperties: ['name', 'building', 'street', 'housenumber', 'postcode', 'municipality'],
    references: {},
    measures: [],
    queryables: ['street', 'housenumber', 'municipality'],
    attribution: '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a> (ODbL)',
    // About 16,000 outlines, from z14 on; at z14 outlines under a pixel (sheds, garages) stay out.
    tiles: { minZoom: 14, maxZoom: 16, minPixels: 1, maxFeatures: 6000, simplify: 0.25, fullFrom: 15 },
    writable: false,
    reference: true,
  },
  {
    id: 'stations',
    table: 'stations',
    title: { de: 'Bahnhöfe und S-Bahn-Halte', en: 'Rail and S-Bahn stations' },
    description: {
      de: 'Bahnhöfe und S-Bahn-Haltepunkte aus OpenStreetMap (Stand 2021-09-29).',
      en: 'Rail stations and S-Bahn halts from OpenStreetMap (as of 2021-09-29).',
    },
    geometryType: 'Point',
    properties: stationProperties,
    vocabularies: {},
    publicProperties: ['name', 'railway', 'municipality'],
    references: {},
    measures: [],
    queryables: ['name', 'railway', 'municipality'],
    attribution: '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a> (ODbL)',
    tiles: { minZoom: 10, maxZoom: 16, minPixels: 0, maxFeatures: 500, simplify: 0, fullFrom: 12 },
    writable: false,
    reference: true,
  },
  {
    id: 'plots',
    table: 'plots',
    title: { de: 'Brachflächen', en: 'Plots (brownfields)' },
    description: {
      de: 'Brachliegende Grundstücke mit Status, Vornutzung und Altlastenverdacht.',
      en: 'Fallow plots with status, previous use and suspected contamination.',
    },
    geometryType: 'MultiPolygon',
    properties: plotProperties,
    vocabularies: plotVocabularies,
    publicProperties: [
      'name',
      'address',
      'gemarkung',
      'flur',
      'flurstueck',
      'previous_use',
      'contamination',
      'status',
      'description',
      'approximate',
      'area_m2',
      'municipality',
      ...areaTags,
    ],
    references: { owner_party_id: 'parties' },
    measures: ['area_m2'],
    queryables: ['name', 'contamination', 'status', 'municipality', 'district_key'],
    tiles: areaTiles,
    writable: true,
  },
  {
    id: 'interim-uses',
    table: 'interim_uses',
    title: { de: 'Zwischennutzungen', en: 'Interim uses' },
    description: {
      de: 'Laufende Gestattungsvereinbarungen: Nutzung, Laufzeit und nutzende Organisation.',
      en: 'Running interim-use agreements: use, term and the organisation using the land.',
    },
    geometryType: 'MultiPolygon',
    properties: interimUseProperties,
    vocabularies: interimUseVocabularies,
    publicProperties: [
      'name',
      'use',
      'status',
      'term_start',
      'term_end',
      'public_access',
      'description',
      'organisation',
      'area_m2',
      'municipality',
    ],
    references: {},
    measures: ['area_m2'],
    temporal: { start: 'term_start', end: 'term_end' },
    queryables: ['name', 'use', 'status', 'public_access', 'organisation', 'municipality'],
    tiles: { ...areaTiles, minPixels: 0, derivedFrom: ['plots'] },
    writable: false,
  },
  {
    id: 'quarters',
    table: 'quarters',
    title: { de: 'Quartiere', en: 'Quarters' },
    description: {
      de: 'Quartiere und Wohnkomplexe mit Quartierskonzept, z. B. Grünau WK7 und WK8.',
      en: 'Quarters and housing complexes with a quarter concept, e.g. Grünau WK7 and WK8.',
    },
    geometryType: 'MultiPolygon',
    properties: quarterProperties,
    vocabularies: {},
    publicProperties: ['name', 'code', 'description', 'approximate', 'area_m2', 'municipality'],
    references: {},
    measures: ['area_m2'],
    queryables: ['name', 'code', 'municipality'],
    tiles: { ...areaTiles, minPixels: 0 },
    writable: true,
  },
  {
    id: 'measures',
    table: 'measures',
    title: { de: 'Maßnahmen', en: 'Measures' },
    description: {
      de: 'Maßnahmen der Quartierskonzepte nach Handlungsfeld, Priorität und Zeithorizont.',
      en: 'Measures of the quarter concepts by field of action, priority and time frame.',
    },
    geometryType: 'Geometry',
    properties: measureProperties,
    vocabularies: measureVocabularies,
    publicProperties: [
      'name',
      'quarter_id',
      'field_of_action',
      'description',
      'priority',
      'status',
      'time_frame',
      'approximate',
      'area_m2',
      'length_m',
      'municipality',
      ...areaTags,
    ],
    references: { quarter_id: 'quarters' },
    measures: ['area_m2', 'length_m'],
    queryables: [
      'name',
      'quarter_id',
      'field_of_action',
      'priority',
      'status',
      'time_frame',
      'municipality',
      'district_key',
    ],
    tiles: { ...areaTiles, minZoom: 10, minPixels: 0 },
    writable: true,
  },
  {
    id: 'links',
    table: 'links',
    title: { de: 'Fuß- und Radwegeverbindungen', en: 'Foot and cycle links' },
    description: {
      de: 'Vorhandene, geplante und fehlende Fuß- und Radwegeverbindungen.',
      en: 'Existing, planned and missing pedestrian and cycling links.',
    },
    geometryType: 'MultiLineString',
    properties: linkProperties,
    vocabularies: linkVocabularies,
    publicProperties: [
      'name',
      'mode',
      'status',
      'surface',
      'priority',
      'from_quarter_id',
      'to_quarter_id',
      'description',
      'approximate',
      'length_m',
      'municipality',
    ],
    references: { from_quarter_id: 'quarters', to_quarter_id: 'quarters' },
    measures: ['length_m'],
    queryables: ['name', 'mode', 'status', 'priority', 'from_quarter_id', 'to_quarter_id', 'municipality'],
    tiles: { ...areaTiles, minZoom: 10, minPixels: 2 },
    writable: true,
  },
  {
    id: 'places',
    table: 'places',
    title: { de: 'Orte, Projekte und Termine', en: 'Places, projects and events' },
    description: {
      de: 'Projekte, Stadtteilläden, Gärten, Feste und Märkte mit Terminen.',
      en: 'Projects, neighbourhood offices, gardens, festivals and markets with dates.',
    },
    geometryType: 'Point',
    properties: placeProperties,
    vocabularies: placeVocabularies,
    publicProperties: [
      'name',
      'kind',
      'description',
      'address',
      'organisation',
      'starts_on',
      'ends_on',
      'schedule',
      'url',
      'approximate',
      'municipality',
      ...areaTags,
    ],
    references: {},
    measures: [],
    temporal: { start: 'starts_on', end: 'ends_on' },
    queryables: ['name', 'kind', 'organisation', 'municipality', 'district_key'],
    tiles: { ...areaTiles, minZoom: 10, minPixels: 0 },
    writable: true,
  },
] as const satisfies readonly Layer[]

export type LayerId = (typeof layers)[number]['id']
export type LayerTable = (typeof layers)[number]['table']

/** The layer with this collection id, or undefined: the one place a URL segment meets the registry. */
export function findLayer(id: string): Layer | undefined {
  return layers.find((layer) => layer.id === id)
}

/** The collections over one geometry type of a layer that mixes them, with the measures they have. */
function byGeometry(
  layer: Layer,
  parts: readonly {
    suffix: string
    title: Labels
    geometryType: Exclude<GeometryType, 'Geometry'>
    dimension: 0 | 1 | 2
    measures: readonly Measure[]
  }[],
): Layer[] {
  const measured: readonly string[] = layer.measures
  return parts.map((part) => ({
    ...layer,
    id: `${layer.id}-${part.suffix}`,
    title: part.title,
    geometryType: part.geometryType,
    geometryDimension: part.dimension,
    measures: part.measures,
    publicProperties: layer.publicProperties.filter(
      (name) => !measured.includes(name) || (part.measures as readonly string[]).includes(name),
    ),
  }))
}

/**
 * The OGC API – Features collections: one per layer, except that a layer mixing geometry types
 * (measures) is served as one collection per type, because desktop GIS types a layer by one
 * geometry (QGIS showed only the polygons of a mixed collection). The mixed layer stays
 * addressable under its own id for the web map and its tiles, but is not listed.
 */
export const featureCollections: readonly Layer[] = layers.flatMap((layer): Layer[] =>
  layer.id === 'measures'
    ? byGeometry(layer, [
        {
          suffix: 'points',
          title: { de: 'Maßnahmen (Punkte)', en: 'Measures (points)' },
          geometryType: 'Point',
          dimension: 0,
          measures: [],
        },
        {
          suffix: 'lines',
          title: { de: 'Maßnahmen (Linien)', en: 'Measures (lines)' },
          geometryType: 'MultiLineString',
          dimension: 1,
          measures: ['length_m'],
        },
        {
          suffix: 'areas',
          title: { de: 'Maßnahmen (Flächen)', en: 'Measures (areas)' },
          geometryType: 'MultiPolygon',
          dimension: 2,
          measures: ['area_m2'],
        },
      ])
    : [layer],
)

/** A listed collection or a layer of the registry with this id, or undefined. */
export function findCollection(id: string): Layer | undefined {
  return featureCollections.find((layer) => layer.id === id) ?? findLayer(id)
}

/** The layer stored in this table, or undefined. */
export function findLayerByTable(table: string): Layer | undefined {
  return layers.find((layer) => layer.table === table)
}
