import { formatDate, label } from '../i18n/locale.ts'
import type { Vocabulary } from '../registry.ts'

// How the planners' screens write vocabulary keys and periods, in the current language.

/** The label of `key` in `vocabulary`; the key itself for one it does not know, "–" for none. */
export function word(vocabulary: Vocabulary, key: string | null | undefined): string {
  return key ? label(vocabulary[key], key) : '–'
}

/** A term or an availability as "1. Jan. 2026 – 31. Dez. 2030"; an open end as "…". */
export function period(from: string | null, until: string | null): string {
  if (!from && !until) return '–'
  return `${from ? formatDate(from) : '…'} – ${until ? formatDate(until) : '…'}`
}
