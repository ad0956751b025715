// Colours per vocabulary key. Keys are checked against the vocabularies (satisfies Record<…>), so
// a new key in vocabulary.ts fails the type check until it has a colour here. Shared by the web
// map's style (frontend/src/map/map-style.ts) and the QGIS project (backend/src/qgis/), so that
// both draw the same map.
import type * as vocabulary from './vocabulary.ts'

type ColoursOf<V> = Record<keyof V & string, string>

export const programmeColours = {
  szp: '#2f6fd6',
  stadtumbau: '#8e44ad',
  urban_ii: '#0097a7',
  efre: '#e67e22',
  other: '#7f8c8d',
} satisfies ColoursOf<typeof vocabulary.programmes>

/** City maps draw programme areas with a blue dotted outline, whatever the programme. */
export const programmeOutline = '#1d4fa8'

export const plotStatusColours = {
  fallow: '#a9784a',
  offered: '#e5a100',
  interim_use: '#3f9b48',
  developed: '#8a8f95',
  sealed_off: '#c0392b',
} satisfies ColoursOf<typeof vocabulary.plotStatuses>

export const useColours = {
  community_garden: '#2e7d32',
  sports_leisure: '#00838f',
  open_air_gallery: '#ad1457',
  playground: '#f4b400',
  event_space: '#6a1b9a',
  parking: '#546e7a',
  other: '#8d6e63',
} satisfies ColoursOf<typeof vocabulary.agreementUses>

export const fieldColours = {
  neighbourhood: '#e6194b',
  social_infrastructure: '#f58231',
  education: '#4363d8',
  urban_space: '#3cb44b',
  safety: '#000075',
  open_space_mobility: '#42d4f4',
  local_economy: '#9a6324',
  participation: '#f032e6',
} satisfies ColoursOf<typeof vocabulary.fieldsOfAction>

export const linkModeColours = {
  foot: '#d35400',
  bike: '#1f77b4',
  both: '#7d3c98',
} satisfies ColoursOf<typeof vocabulary.linkModes>

export const gapColour = '#e03131'

export const placeKindColours = {
  project: '#1b9e77',
  office: '#1d4fa8',
  garden: '#2e7d32',
  sports: '#00838f',
  gallery: '#ad1457',
  event: '#d95f02',
  festival: '#e7298a',
  market: '#a6761d',
  other: '#666666',
} satisfies ColoursOf<typeof vocabulary.placeKinds>

export const quarterColour = '#6d4c41'
export const districtColour = '#5f6368'
/** The reference map: OSM building outlines (light grey) and the rail stations. */
export const buildingFill = '#d9d6d0'
export const buildingLine = '#bdb8af'
export const stationColour = '#3b4a5a'
export const highlightColour = '#ffd400'
export const backgroundColour = '#f3f1ec'
