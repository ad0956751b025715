import type { Layer } from '../contract/layers.ts'

// Which column of a layer a field of an imported file fills: suggested by name (case, umlauts
// and the German names offices use), confirmed or changed by the user before committing.

const synonyms: Record<string, string> = {
  bezeichnung: 'name',
  bez: 'name',
  titel: 'name',
  ot: 'key',
  schluessel: 'key',
  ortsteil_nr: 'key',
  otnr: 'key',
  adresse: 'address',
  anschrift: 'address',
  strasse: 'address',
  flurstuck: 'flurstueck',
  flst: 'flurstueck',
  flurstucksnummer: 'flurstueck',
  flurstuecksnummer: 'flurstueck',
  altlasten: 'contamination',
  altlastenverdacht: 'contamination',
  vornutzung: 'previous_use',
  beschreibung: 'description',
  programm: 'programme',
  kennung: 'external_id',
  id_extern: 'external_id',
}

const normal = (name: string) =>
  name
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[^a-z0-9_]/g, '_')

/** The suggested column for each source field (null: not loaded). */
export function suggestMapping(fields: readonly string[], layer: Layer): Record<string, string | null> {
  const columns = new Set(Object.keys(layer.properties.shape))
  const taken = new Set<string>()
  const mapping: Record<string, string | null> = {}
  for (const field of fields) {
    const plain = normal(field)
    const candidate = [plain, synonyms[plain], synonyms[plain.replaceAll('ue', 'u')]].find(
      (c) => c !== undefined && columns.has(c) && !taken.has(c),
    )
    mapping[field] = candidate ?? null
    if (candidate) taken.add(candidate)
  }
  return mapping
}

/**
 * The value as the column's schema takes it: dBASE and CSV give numbers for keys ("70" read as
 * 70) and text for numbers ("1.234,5"), so one conversion is tried when the value as given fails.
 */
export function coerce(layer: Layer, column: string, value: unknown): unknown {
  const schema = layer.properties.shape[column]
  if (!schema || value === null || value === undefined) return value
  if (schema.safeParse(value).success) return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'string') {
    const trimmed = value.trim()
    const number = Number(trimmed.includes(',') ? trimmed.replaceAll('.', '').replace(',', '.') : trimmed)
    if (trimmed !== '' && Number.isFinite(number) && schema.safeParse(number).success) return number
    const truth = {
      ja: true,
      yes: true,
      true: true,
      '1': true,
      nein: false,
      no: false,
      false: false,
      '0': false,
    }[trimmed.toLowerCase()]
    if (truth !== undefined && schema.safeParse(truth).success) return truth
    if (trimmed === '' && schema.safeParse(null).success) return null
  }
  return value
}
