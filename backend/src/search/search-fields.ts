import { findLayer, type LayerId } from '../contract/layers.ts'
import {
  agreementUses,
  fieldsOfAction,
  type Labels,
  linkModes,
  linkStatuses,
  measureStatuses,
  placeKinds,
  plotStatuses,
  programmes,
  type Vocabulary,
} from '../contract/vocabulary.ts'

// What search reads in each public layer and how a hit describes itself. Every column named
// here must be one of the layer's public properties (checked below at load time), so owner
// names, contacts, notes and agreement conditions can never be searched or shown.

export type Lang = 'de' | 'en'
type Facts = Record<string, string | null>

export type SearchFields = {
  readonly collection: LayerId
  /** Ranked above the rest: address, organisation, key or code. */
  readonly secondary: readonly string[]
  /** Found, but ranked lowest. */
  readonly body: readonly string[]
  /** Columns the detail line is built from. */
  readonly facts: readonly string[]
  readonly detail: (facts: Facts, lang: Lang) => string
  /**
   * Folded at query time: interim uses are a view over agreements (few rows). Every other layer
   * is read from search_texts, which triggers keep (sql/006_search.sql names the same columns).
   */
  readonly live?: true
}

const label = (vocabulary: Vocabulary, key: string | null, lang: Lang) =>
  key ? (vocabulary[key]?.[lang] ?? key) : null
const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ')
const words: Record<string, Labels> = {
  since: { de: 'seit', en: 'since' },
  district: { de: 'Ortsteil', en: 'District' },
  quarter: { de: 'Quartier', en: 'Quarter' },
  station: { de: 'Bahnhof', en: 'Station' },
  halt: { de: 'Haltepunkt', en: 'Halt' },
  street: { de: 'Straße', en: 'Street' },
  building: { de: 'Gebäudeadresse (OSM)', en: 'building address (OSM)' },
  point: { de: 'Adressliste, Lage ungefähr', en: 'address list, approximate position' },
  interpolated: {
    de: 'zwischen den Nachbarhäusern geschätzt',
    en: 'estimated between the neighbouring houses',
  },
}

function period(start: string | null, end: string | null, lang: Lang): string | null {
  const from = start?.slice(0, 4)
  const to = end?.slice(0, 4)
  if (from && to) return `${from}–${to}`
  if (from) return `${words.since?.[lang]} ${from}`
  return to ? `–${to}` : null
}

/** The searched layers; on equal scores, the one listed first wins. */
export const searchFields: readonly SearchFields[] = [
  {
    collection: 'plots',
    secondary: ['address', 'gemarkung', 'flurstueck'],
    body: ['description', 'previous_use'],
    facts: ['address', 'status'],
    detail: (f, lang) => join(f.address, label(plotStatuses, f.status ?? null, lang)),
  },
  {
    collection: 'places',
    secondary: ['address', 'organisation'],
    body: ['description', 'schedule'],
    facts: ['kind', 'address'],
    detail: (f, lang) => join(label(placeKinds, f.kind ?? null, lang), f.address),
  },
  {
    collection: 'interim-uses',
    live: true,
    secondary: ['organisation'],
    body: ['description'],
    facts: ['use', 'organisation'],
    detail: (f, lang) => join(label(agreementUses, f.use ?? null, lang), f.organisation),
  },
  {
    collection: 'programme-areas',
    secondary: ['local_office', 'local_office_address'],
    body: ['description', 'sponsor', 'commissioning_office'],
    facts: ['programme', 'period_start', 'period_end'],
    detail: (f, lang) =>
      join(
        label(programmes, f.programme ?? null, lang),
        period(f.period_start ?? null, f.period_end ?? null, lang),
      ),
  },
  {
    collection: 'districts',
    secondary: ['key'],
    body: [],
    facts: ['key'],
    detail: (f, lang) => `${words.district?.[lang]} ${f.key ?? ''}`.trim(),
  },
  {
    collection: 'stations',
    secondary: [],
    body: [],
    facts: ['railway'],
    detail: (f, lang) => (f.railway === 'halt' ? words.halt : words.station)?.[lang] ?? '',
  },
  {
    collection: 'quarters',
    secondary: ['code'],
    body: ['description'],
    facts: ['code'],
    detail: (f, lang) => join(words.quarter?.[lang], f.code),
  },
  {
    collection: 'measures',
    secondary: [],
    body: ['description'],
    facts: ['field_of_action', 'status'],
    detail: (f, lang) =>
      join(
        label(fieldsOfAction, f.field_of_action ?? null, lang),
        label(measureStatuses, f.status ?? null, lang),
      ),
  },
  {
    collection: 'links',
    secondary: ['surface'],
    body: ['description'],
    facts: ['mode', 'status'],
    detail: (f, lang) =>
      join(label(linkModes, f.mode ?? null, lang), label(linkStatuses, f.status ?? null, lang)),
  },
]

const town = (f: Facts) => (f.postcode ? `${f.postcode} Leipzig` : 'Leipzig')

/** How streets and addresses (the reference map's address table, not layers) describe themselves. */
export const referenceDetails: Record<string, (facts: Facts, lang: Lang) => string> = {
  streets: (f, lang) => join(words.street?.[lang], town(f)),
  addresses: (f, lang) => join(town(f), f.source ? words[f.source]?.[lang] : null),
}

for (const fields of searchFields) {
  const layer = findLayer(fields.collection)
  const allowed = new Set(['name', ...(layer?.publicProperties ?? [])])
  for (const column of [...fields.secondary, ...fields.body, ...fields.facts]) {
    if (!allowed.has(column)) {
      throw new Error(`search: ${fields.collection}.${column} is not a public property`)
    }
  }
}
