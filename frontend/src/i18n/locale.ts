import type { Labels } from '../registry.ts'
import { type Lang, lang, setLangSignal } from './lang.ts'

export { type Lang, lang, langFromLocation } from './lang.ts'
export { t } from './messages.ts'

/** Switches the language: the URL (`?lang=en`), `<html lang>` and every text follow. */
export function setLang(next: Lang): void {
  setLangSignal(next)
  document.documentElement.lang = next
  const url = new URL(location.href)
  if (next === 'en') url.searchParams.set('lang', 'en')
  else url.searchParams.delete('lang')
  history.replaceState(history.state, '', url)
}

/** A registry label ({ de, en }) in the current language. */
export function label(labels: Labels | undefined, fallback = ''): string {
  return labels ? labels[lang()] : fallback
}

const locales: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' }

/** A number in the current locale's format. */
export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locales[lang()], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value)
}

/** A share 0–1 as a percentage in the current locale's format. */
export function formatPercent(value: number): string {
  return new Intl.NumberFormat(locales[lang()], { style: 'percent', maximumFractionDigits: 1 }).format(value)
}

/** An ISO date (YYYY-MM-DD) as the current locale writes it. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locales[lang()], { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
}

/** An area as "1.234 m² (0,12 ha)". */
export function formatArea(m2: number): string {
  return `${formatNumber(m2)} m² (${formatNumber(m2 / 10_000, 2)} ha)`
}

/** A length in metres. */
export function formatLength(m: number): string {
  return `${formatNumber(m)} m`
}
