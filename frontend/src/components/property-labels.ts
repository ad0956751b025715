import { findLayer, type Labels, type LayerId, type Vocabulary } from '../registry.ts'

// How the feature panel names public properties and which vocabulary translates their values.

export const propertyNames: Record<string, Labels> = {
  name: { de: 'Name', en: 'Name' },
  programme: { de: 'Programm', en: 'Programme' },
  period_start: { de: 'Beginn', en: 'Start' },
  period_end: { de: 'Ende', en: 'End' },
  status: { de: 'Status', en: 'Status' },
  commissioning_office: { de: 'Auftraggeber', en: 'Commissioning office' },
  sponsor: { de: 'Projektträger', en: 'Project sponsor / organisation' },
  local_office: { de: 'Vor-Ort-Büro', en: 'Local office' },
  local_office_address: { de: 'Adresse des Büros', en: 'Office address' },
  budget_eur: { de: 'Budget', en: 'Budget' },
  description: { de: 'Beschreibung', en: 'Description' },
  key: { de: 'Schlüssel', en: 'Key' },
  parent_key: { de: 'Stadtbezirk', en: 'Borough key' },
  address: { de: 'Adresse', en: 'Address' },
  gemarkung: { de: 'Gemarkung', en: 'Cadastral district' },
  flur: { de: 'Flur', en: 'Flur' },
  flurstueck: { de: 'Flurstück', en: 'Parcel' },
  previous_use: { de: 'Vornutzung', en: 'Previous use' },
  contamination: { de: 'Altlasten', en: 'Contamination' },
  use: { de: 'Nutzung', en: 'Use' },
  public_access: { de: 'Öffentlich zugänglich', en: 'Open to the public' },
  organisation: { de: 'Organisation', en: 'Organisation' },
  code: { de: 'Kürzel', en: 'Code' },
  quarter_id: { de: 'Quartier', en: 'Quarter' },
  field_of_action: { de: 'Handlungsfeld', en: 'Field of action' },
  priority: { de: 'Priorität', en: 'Priority' },
  time_frame: { de: 'Zeithorizont', en: 'Time frame' },
  mode: { de: 'Art', en: 'Mode' },
  surface: { de: 'Belag', en: 'Surface' },
  from_quarter_id: { de: 'Von Quartier', en: 'From quarter' },
  to_quarter_id: { de: 'Zu Quartier', en: 'To quarter' },
  kind: { de: 'Art', en: 'Kind' },
  schedule: { de: 'Termine', en: 'Schedule' },
  url: { de: 'Webseite', en: 'Website' },
  approximate: { de: 'Lage ungefähr', en: 'Approximate location' },
  starts_on: { de: 'Beginnt am', en: 'Starts on' },
  ends_on: { de: 'Endet am', en: 'Ends on' },
  owner_party_id: { de: 'Eigentümer (Nummer)', en: 'Owner (number)' },
  internal_notes: { de: 'Interne Notizen', en: 'Internal notes' },
}

/** The vocabulary for a property of a collection, if its values are keys (the registry says which). */
export function vocabularyFor(collection: LayerId, property: string): Vocabulary | undefined {
  return findLayer(collection)?.vocabularies[property]
}

/** Properties shown as dates. */
export const dateProperties = new Set([
  'period_start',
  'period_end',
  'term_start',
  'term_end',
  'starts_on',
  'ends_on',
])
