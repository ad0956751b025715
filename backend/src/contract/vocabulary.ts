// The controlled vocabularies of Quartiersatlas with German and English labels. The database's
// CHECK constraints (sql/) list the same keys; the API, the forms and the legend read them here.

export type Labels = { readonly de: string; readonly en: string }
export type Vocabulary = Readonly<Record<string, Labels>>

/** The keys of a vocabulary as a non-empty tuple, for z.enum. */
export function keysOf<V extends Vocabulary>(vocabulary: V): [keyof V & string, ...(keyof V & string)[]] {
  return Object.keys(vocabulary) as [keyof V & string, ...(keyof V & string)[]]
}

/** Whether `key` (from a form, say) is one of the vocabulary's keys. */
export function isKeyOf<V extends Vocabulary>(vocabulary: V, key: string): key is keyof V & string {
  return Object.hasOwn(vocabulary, key)
}

export const programmes = {
  szp: { de: 'Sozialer Zusammenhalt (SZP)', en: 'Social cohesion (SZP)' },
  stadtumbau: { de: 'Stadtumbau', en: 'Urban restructuring (Stadtumbau)' },
  urban_ii: { de: 'URBAN II (EU)', en: 'URBAN II (EU)' },
  efre: { de: 'EFRE', en: 'ERDF (EFRE)' },
  other: { de: 'Sonstiges Programm', en: 'Other programme' },
} as const satisfies Vocabulary

export const programmeAreaStatuses = {
  planned: { de: 'geplant', en: 'planned' },
  running: { de: 'laufend', en: 'running' },
  continued: { de: 'verstetigt', en: 'continued (Verstetigung)' },
  ended: { de: 'beendet', en: 'ended' },
} as const satisfies Vocabulary

export const plotStatuses = {
  fallow: { de: 'Brache', en: 'fallow' },
  offered: { de: 'angeboten', en: 'offered' },
  interim_use: { de: 'Zwischennutzung', en: 'interim use' },
  developed: { de: 'bebaut', en: 'developed' },
  sealed_off: { de: 'gesperrt', en: 'sealed off' },
} as const satisfies Vocabulary

export const contaminations = {
  none: { de: 'kein Verdacht', en: 'none' },
  suspected: { de: 'Altlastenverdacht', en: 'suspected contamination' },
  confirmed: { de: 'Altlast bestätigt', en: 'confirmed contamination' },
  remediated: { de: 'saniert', en: 'remediated' },
  unknown: { de: 'unbekannt', en: 'unknown' },
} as const satisfies Vocabulary

export const agreementUses = {
  community_garden: { de: 'Gemeinschaftsgarten', en: 'community garden' },
  sports_leisure: { de: 'Sport- und Freizeitfläche', en: 'sports and leisure area' },
  open_air_gallery: { de: 'Freiluftgalerie', en: 'open-air gallery' },
  playground: { de: 'Spielplatz', en: 'playground' },
  event_space: { de: 'Veranstaltungsfläche', en: 'event space' },
  parking: { de: 'Parkplatz', en: 'parking' },
  other: { de: 'Sonstige Nutzung', en: 'other use' },
} as const satisfies Vocabulary

// The uses an owner allows are the uses the map's legend shows for interim uses, in the same words.
// The gallery's key is 'art' in offers (stored since the first release), 'open_air_gallery' in agreements.
export const offerUses = {
  community_garden: agreementUses.community_garden,
  sports_leisure: agreementUses.sports_leisure,
  art: agreementUses.open_air_gallery,
  playground: agreementUses.playground,
  event_space: agreementUses.event_space,
  parking: agreementUses.parking,
  other: agreementUses.other,
} as const satisfies Vocabulary

export const agreementStatuses = {
  draft: { de: 'Entwurf', en: 'draft' },
  negotiating: { de: 'in Verhandlung', en: 'negotiating' },
  signed: { de: 'unterzeichnet', en: 'signed' },
  active: { de: 'aktiv', en: 'active' },
  ending: { de: 'läuft aus', en: 'ending' },
  ended: { de: 'beendet', en: 'ended' },
  terminated: { de: 'vorzeitig beendet', en: 'terminated early' },
} as const satisfies Vocabulary

export const offerStatuses = {
  draft: { de: 'Entwurf', en: 'draft' },
  submitted: { de: 'eingereicht', en: 'submitted' },
  changes_requested: { de: 'Änderungen erbeten', en: 'changes requested' },
  accepted: { de: 'angenommen', en: 'accepted' },
  declined: { de: 'abgelehnt', en: 'declined' },
  withdrawn: { de: 'zurückgezogen', en: 'withdrawn' },
} as const satisfies Vocabulary

export const fieldsOfAction = {
  neighbourhood: { de: 'Zusammenleben und Nachbarschaft', en: 'Living together and neighbourhood' },
  social_infrastructure: {
    de: 'Soziale Aktivitäten und soziale Infrastruktur',
    en: 'Social activities and social infrastructure',
  },
  education: { de: 'Bildung', en: 'Education' },
  urban_space: { de: 'Städtebau, Wohnen, Klima', en: 'Urban space, housing, climate' },
  safety: { de: 'Ordnung und Sicherheit', en: 'Order and safety' },
  open_space_mobility: { de: 'Freiraum und Mobilität', en: 'Open space and mobility' },
  local_economy: { de: 'Lokale Ökonomie und Beschäftigung', en: 'Local economy and employment' },
  participation: {
    de: 'Öffentlichkeitsarbeit, Beteiligung und Ehrenamt',
    en: 'Public relations, participation and volunteering',
  },
} as const satisfies Vocabulary

export const priorities = {
  high: { de: 'hoch', en: 'high' },
  medium: { de: 'mittel', en: 'medium' },
  low: { de: 'niedrig', en: 'low' },
} as const satisfies Vocabulary

export const measureStatuses = {
  idea: { de: 'Idee', en: 'idea' },
  planned: { de: 'geplant', en: 'planned' },
  in_progress: { de: 'in Umsetzung', en: 'in progress' },
  done: { de: 'umgesetzt', en: 'done' },
  dropped: { de: 'verworfen', en: 'dropped' },
} as const satisfies Vocabulary

export const timeFrames = {
  short: { de: 'kurzfristig', en: 'short term' },
  medium: { de: 'mittelfristig', en: 'medium term' },
  long: { de: 'langfristig', en: 'long term' },
} as const satisfies Vocabulary

export const linkModes = {
  foot: { de: 'Fußweg', en: 'footpath' },
  bike: { de: 'Radweg', en: 'cycle path' },
  both: { de: 'Fuß- und Radweg', en: 'foot and cycle path' },
} as const satisfies Vocabulary

export const linkStatuses = {
  existing: { de: 'vorhanden', en: 'existing' },
  planned: { de: 'geplant', en: 'planned' },
  under_construction: { de: 'im Bau', en: 'under construction' },
  gap: { de: 'Lücke', en: 'gap' },
} as const satisfies Vocabulary

export const placeKinds = {
  project: { de: 'Projekt', en: 'project' },
  office: { de: 'Büro / Stadtteilladen', en: 'office' },
  garden: { de: 'Garten', en: 'garden' },
  sports: { de: 'Sport', en: 'sports' },
  gallery: { de: 'Galerie', en: 'gallery' },
  event: { de: 'Veranstaltung', en: 'event' },
  festival: { de: 'Stadtteilfest', en: 'festival' },
  market: { de: 'Markt', en: 'market' },
  other: { de: 'Sonstiges', en: 'other' },
} as const satisfies Vocabulary
